using Azure;
using Azure.Storage.Blobs;
using B12Bot.Storage;
using Newtonsoft.Json.Linq;

namespace B12Bot.Tests.Storage;

/// <summary>The contract against a real Azurite; each test has its own container.</summary>
public sealed class BlobStateStorageTests(AzuriteFixture azurite) : StateStorageContract, IClassFixture<AzuriteFixture>
{
    private readonly string _containerName = AzuriteFixture.NewContainerName();

    private BlobContainerClient Container => new(azurite.ConnectionString, _containerName);

    protected override IConcurrencyAwareStorage CreateStore(TimeProvider clock, StateExpiryPolicy expiry)
        => new BlobStateStorage(Options(), expiry, clock);

    protected override async Task<string?> ReadStoredTextAsync(string key)
    {
        try
        {
            var blob = await Container.GetBlobClient(BlobStateStorage.BlobNameFor(key)).DownloadContentAsync();
            return blob.Value.Content.ToString();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    [Fact]
    public async Task One_blob_per_key_named_by_the_url_encoded_key()
    {
        const string teamsKey = "msteams/conversations/19:abc@thread.tacv2;messageid=1700000000000";
        await Store.WriteAsync(new Dictionary<string, object> { [teamsKey] = new JObject { ["step"] = 2 } });

        var names = new List<string>();
        await foreach (var item in Container.GetBlobsAsync())
        {
            names.Add(item.Name);
        }

        Assert.Equal([Uri.EscapeDataString(teamsKey)], names);
        Assert.Equal("""{"step":2}""", await ReadStoredTextAsync(teamsKey));
        Assert.Equal(2, (await Store.ReadEntryAsync(teamsKey))!.Value.Value<int>("step"));
    }

    [Fact]
    public async Task Two_instances_share_state_and_the_slower_writer_gets_a_conflict()
    {
        var first = CreateStore(Clock, Expiry);
        var second = CreateStore(Clock, Expiry);
        await first.WriteIfMatchAsync(ConversationKey, new JObject { ["step"] = 1 }, eTag: null);

        var seenByFirst = await first.ReadEntryAsync(ConversationKey);
        var seenBySecond = await second.ReadEntryAsync(ConversationKey);
        Assert.Equal(seenByFirst!.ETag, seenBySecond!.ETag);

        await first.WriteIfMatchAsync(ConversationKey, new JObject { ["step"] = 2, ["door"] = "eerste" }, seenByFirst.ETag);
        await Assert.ThrowsAsync<StorageConflictException>(
            () => second.WriteIfMatchAsync(ConversationKey, new JObject { ["step"] = 2, ["door"] = "tweede" }, seenBySecond.ETag));

        Assert.Equal("eerste", (await second.ReadEntryAsync(ConversationKey))!.Value.Value<string>("door"));
    }

    [Fact]
    public async Task A_container_deleted_while_running_is_created_again_on_the_next_write()
    {
        await Store.WriteAsync(new Dictionary<string, object> { [ConversationKey] = new JObject { ["step"] = 1 } });
        await Container.DeleteAsync();

        Assert.Empty(await Store.ReadAsync([ConversationKey]));
        Assert.Equal(0, await Store.PurgeExpiredAsync());
        await Store.DeleteAsync([ConversationKey]);
        Assert.False((await Container.ExistsAsync()).Value);
        await Store.WriteAsync(new Dictionary<string, object> { [ConversationKey] = new JObject { ["step"] = 2 } });

        Assert.Equal(2, (await Store.ReadEntryAsync(ConversationKey))!.Value.Value<int>("step"));
    }

    private AzureBlobsStorageOptions Options() => new()
    {
        ConnectionString = azurite.ConnectionString,
        ContainerName = _containerName,
    };
}
