using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace B12Bot.Editors;

/// <summary>
/// Editor items in Azure Blob storage, for bots on several instances (the state in <c>AzureBlobs</c>): one small blob
/// per item (<c>items/{unix ms}-{guid}</c>, the conversation's hash in its metadata), one per remembered Teams message
/// (<c>answers/{sha256 of its key}</c>), one counter per week and kind (<c>weeks/{week}/{kind}</c>, updated with
/// If-Match), and the hash key (<c>meta/hash-key</c>, written once with If-None-Match).
/// </summary>
public sealed class BlobEditorStore : IEditorStore
{
    public const string DefaultContainerName = "b12bot-editors";

    private const string OwnerMetadata = "owner";
    private const string AtMetadata = "at";
    private const int MaxCounterAttempts = 20;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly BlobContainerClient _container;
    private volatile bool _created;

    public BlobEditorStore(string connectionString, string? containerName = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _container = new BlobContainerClient(connectionString, string.IsNullOrWhiteSpace(containerName) ? DefaultContainerName : containerName);
    }

    public async Task AddAsync(EditorItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var container = await ContainerAsync(cancellationToken).ConfigureAwait(false);
        var name = string.Create(CultureInfo.InvariantCulture, $"items/{item.At.ToUnixTimeMilliseconds():D15}-{Guid.NewGuid():N}");
        await container.GetBlobClient(name).UploadAsync(
            BinaryData.FromObjectAsJson(item, Json),
            new BlobUploadOptions { Metadata = new Dictionary<string, string> { [OwnerMetadata] = item.Owner } },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task AddCountsAsync(IReadOnlyCollection<WeeklyCount> counts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var container = await ContainerAsync(cancellationToken).ConfigureAwait(false);
        foreach (var count in counts)
        {
            var blob = container.GetBlobClient($"weeks/{count.Week}/{count.Kind}");
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var (current, etag) = await ReadCounterAsync(blob, cancellationToken).ConfigureAwait(false);
                    var conditions = etag is { } known ? new BlobRequestConditions { IfMatch = known } : new BlobRequestConditions { IfNoneMatch = ETag.All };
                    await blob.UploadAsync(
                        BinaryData.FromString((current + count.Count).ToString(CultureInfo.InvariantCulture)),
                        new BlobUploadOptions { Conditions = conditions },
                        cancellationToken).ConfigureAwait(false);
                    break;
                }
                catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxCounterAttempts)
                {
                    // Another instance counted at the same moment: read again and add.
                }
            }
        }
    }

    public async Task<EditorData> ReadAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var container = await ContainerAsync(cancellationToken).ConfigureAwait(false);
        var items = new List<EditorItem>();
        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = "items/" }, cancellationToken).ConfigureAwait(false))
        {
            if (ItemTime(blob.Name) is { } at && at >= since)
            {
                var content = await container.GetBlobClient(blob.Name).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
                if (content.Value.Content.ToObjectFromJson<EditorItem>(Json) is { } item)
                {
                    items.Add(item);
                }
            }
        }

        var weeks = new List<WeeklyCount>();
        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = "weeks/" }, cancellationToken).ConfigureAwait(false))
        {
            var parts = blob.Name.Split('/');
            if (parts.Length == 3 && Enum.TryParse<WeeklyCountKind>(parts[2], out var kind))
            {
                var (value, _) = await ReadCounterAsync(container.GetBlobClient(blob.Name), cancellationToken).ConfigureAwait(false);
                weeks.Add(new WeeklyCount(parts[1], kind, value));
            }
        }

        return new EditorData([.. items.OrderBy(i => i.At)], [.. weeks.OrderBy(w => w.Week, StringComparer.Ordinal)]);
    }

    public async Task EraseOwnerAsync(string owner, CancellationToken cancellationToken)
    {
        var container = await ContainerAsync(cancellationToken).ConfigureAwait(false);
        foreach (var prefix in (string[])["items/", "answers/"])
        {
            await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix, Traits = BlobTraits.Metadata }, cancellationToken).ConfigureAwait(false))
            {
                if (blob.Metadata.TryGetValue(OwnerMetadata, out var found) && found == owner)
                {
                    await container.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    public async Task PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var container = await ContainerAsync(cancellationToken).ConfigureAwait(false);
        var oldestWeek = EditorWeeks.Of(before);
        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata }, cancellationToken).ConfigureAwait(false))
        {
            var old = blob.Name switch
            {
                var n when n.StartsWith("items/", StringComparison.Ordinal) => ItemTime(n) < before,
                var n when n.StartsWith("answers/", StringComparison.Ordinal) => blob.Metadata.TryGetValue(AtMetadata, out var at)
                    && long.TryParse(at, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) && DateTimeOffset.FromUnixTimeMilliseconds(ms) < before,
                var n when n.StartsWith("weeks/", StringComparison.Ordinal) => string.CompareOrdinal(n.Split('/')[1], oldestWeek) < 0,
                _ => false,
            };
            if (old)
            {
                await container.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task RememberAnswerAsync(string messageKey, string entryId, string owner, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var container = await ContainerAsync(cancellationToken).ConfigureAwait(false);
        await container.GetBlobClient(AnswerName(messageKey)).UploadAsync(
            BinaryData.FromString(entryId),
            new BlobUploadOptions
            {
                Metadata = new Dictionary<string, string>
                {
                    [OwnerMetadata] = owner,
                    [AtMetadata] = at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
                },
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<string?> FindAnswerAsync(string messageKey, CancellationToken cancellationToken)
    {
        var container = await ContainerAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var content = await container.GetBlobClient(AnswerName(messageKey)).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return content.Value.Content.ToString();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task<byte[]> HashKeyAsync(CancellationToken cancellationToken)
    {
        var container = await ContainerAsync(cancellationToken).ConfigureAwait(false);
        var blob = container.GetBlobClient("meta/hash-key");
        try
        {
            await blob.UploadAsync(
                BinaryData.FromBytes(RandomNumberGenerator.GetBytes(32)),
                new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } },
                cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Made before (by this or another instance): use that one.
        }

        return (await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value.Content.ToArray();
    }

    private static string AnswerName(string messageKey) =>
        "answers/" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(messageKey)));

    private static DateTimeOffset? ItemTime(string name)
    {
        var dash = name.IndexOf('-', StringComparison.Ordinal);
        return dash > 6 && long.TryParse(name.AsSpan(6, dash - 6), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
    }

    private static async Task<(int Value, ETag? ETag)> ReadCounterAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            var content = await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return (int.TryParse(content.Value.Content.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0, content.Value.Details.ETag);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return (0, null);
        }
    }

    private async Task<BlobContainerClient> ContainerAsync(CancellationToken cancellationToken)
    {
        if (!_created)
        {
            await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            _created = true;
        }

        return _container;
    }
}
