using B12Bot.Storage;
using Microsoft.Bot.Builder;
using Newtonsoft.Json.Linq;

namespace B12Bot.Tests.Storage;

/// <summary>Azurite stopped mid-conversation and started again: calls fail fast with a clear type, then recover.</summary>
public sealed class BlobStorageOutageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string ConversationKey = "webchat/conversations/outage-1";

    [Fact]
    public async Task Storage_down_is_unavailable_and_the_same_store_works_again_once_it_is_back()
    {
        var store = new BlobStateStorage(new AzureBlobsStorageOptions
        {
            ConnectionString = azurite.ConnectionString,
            ContainerName = AzuriteFixture.NewContainerName(),
        });
        var eTag = await store.WriteIfMatchAsync(ConversationKey, new JObject { ["step"] = 3 }, eTag: null);

        await azurite.StopAsync();
        try
        {
            await Assert.ThrowsAsync<StorageUnavailableException>(() => store.ReadAsync([ConversationKey]));
            await Assert.ThrowsAsync<StorageUnavailableException>(() => store.ReadEntryAsync(ConversationKey));
            await Assert.ThrowsAsync<StorageUnavailableException>(
                () => store.WriteAsync(new Dictionary<string, object> { [ConversationKey] = new JObject { ["step"] = 4 } }));
            await Assert.ThrowsAsync<StorageUnavailableException>(
                () => store.WriteIfMatchAsync(ConversationKey, new JObject { ["step"] = 4 }, eTag));
            await Assert.ThrowsAsync<StorageUnavailableException>(() => store.DeleteAsync([ConversationKey]));
            await Assert.ThrowsAsync<StorageUnavailableException>(() => store.PurgeExpiredAsync());

            using var turn = StateTurns.New();
            await Assert.ThrowsAsync<StorageUnavailableException>(() => new ConversationState(store).LoadAsync(turn));
        }
        finally
        {
            await azurite.StartAsync();
        }

        var entry = await store.ReadEntryAsync(ConversationKey);
        Assert.NotNull(entry);
        Assert.Equal(eTag, entry.ETag);
        Assert.Equal(3, entry.Value.Value<int>("step"));

        var next = await store.WriteIfMatchAsync(ConversationKey, new JObject { ["step"] = 4 }, entry.ETag);
        Assert.Equal(next, (await store.ReadEntryAsync(ConversationKey))!.ETag);
    }

    [Fact]
    public async Task Storage_that_hangs_is_unavailable_within_the_budget_and_recovers_when_it_answers_again()
    {
        var store = new BlobStateStorage(new AzureBlobsStorageOptions
        {
            ConnectionString = azurite.ConnectionString,
            ContainerName = AzuriteFixture.NewContainerName(),
            OperationTimeout = TimeSpan.FromSeconds(1),
        });
        await store.WriteIfMatchAsync(ConversationKey, new JObject { ["step"] = 1 }, "*");

        await azurite.PauseAsync();
        try
        {
            var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => store.ReadEntryAsync(ConversationKey));
            Assert.Contains("did not answer", error.Message, StringComparison.Ordinal);
            await Assert.ThrowsAsync<StorageUnavailableException>(
                () => store.WriteIfMatchAsync(ConversationKey, new JObject { ["step"] = 2 }, "*"));
        }
        finally
        {
            await azurite.ResumeAsync();
        }

        // A resumed server first works off the requests that timed out, and the write of step 2 among them can land
        // after a newer write: recovered is a write that then reads back, which may take a few attempts.
        var recovered = false;
        for (var attempt = 1; attempt <= 50 && !recovered; attempt++)
        {
            try
            {
                await store.WriteIfMatchAsync(ConversationKey, new JObject { ["step"] = 3 }, "*");
                recovered = (await store.ReadEntryAsync(ConversationKey))?.Value.Value<int>("step") == 3;
            }
            catch (StorageUnavailableException)
            {
                // Still working off the timed-out requests.
            }

            if (!recovered)
            {
                await Task.Delay(200);
            }
        }

        Assert.True(recovered, "the store did not answer a write and its read-back after it was resumed");
        Assert.Equal(3, (await store.ReadEntryAsync(ConversationKey))!.Value.Value<int>("step"));
    }

    [Fact]
    public async Task Nothing_listening_at_all_is_unavailable_not_a_hang_or_a_crash()
    {
        var store = new BlobStateStorage(new AzureBlobsStorageOptions
        {
            ConnectionString = azurite.ConnectionString.Replace(
                $":{azurite.Port}/", $":{UnusedPort()}/", StringComparison.Ordinal),
        });

        await Assert.ThrowsAsync<StorageUnavailableException>(() => store.ReadEntryAsync(ConversationKey));
        await Assert.ThrowsAsync<StorageUnavailableException>(
            () => store.WriteIfMatchAsync(ConversationKey, new JObject { ["step"] = 1 }, "*"));
    }

    private static int UnusedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
