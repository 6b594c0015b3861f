using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Azure;
using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace B12Bot.Storage;

/// <summary>
/// State in Azure Blob Storage, one blob per key (the URL-encoded key is the blob name), for running several
/// instances. Writes carry If-Match / If-None-Match so concurrent turns on different instances cannot
/// silently overwrite each other. Every call is bounded in time: a short retry policy and an overall budget,
/// so a turn fails fast (<see cref="StorageUnavailableException"/>) while storage is down and works again as
/// soon as it is back.
/// </summary>
public sealed class BlobStateStorage : IConcurrencyAwareStorage
{
    /// <summary>Blob metadata holding the last write time (Unix milliseconds) by this store's clock.</summary>
    private const string ModifiedMetadata = "b12modified";
    private const string JsonContentType = "application/json";
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(200);

    private readonly BlobContainerClient _container;
    private readonly StateExpiryPolicy _expiry;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _operationTimeout;
    private volatile bool _containerReady;

    public BlobStateStorage(AzureBlobsStorageOptions options, StateExpiryPolicy? expiry = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ContainerName);

        var clientOptions = new BlobClientOptions();
        clientOptions.Retry.Mode = RetryMode.Fixed;
        clientOptions.Retry.MaxRetries = options.MaxRetries;
        clientOptions.Retry.Delay = RetryPause;
        clientOptions.Retry.MaxDelay = RetryPause;
        clientOptions.Retry.NetworkTimeout = options.NetworkTimeout;

        _container = new BlobContainerClient(options.ConnectionString, options.ContainerName, clientOptions);
        _expiry = expiry ?? StateExpiryPolicy.Default;
        _clock = clock ?? TimeProvider.System;
        _operationTimeout = options.OperationTimeout;
    }

    /// <summary>The blob name of a storage key.</summary>
    public static string BlobNameFor(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Uri.EscapeDataString(key);
    }

    public Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);

        return RunAsync<IDictionary<string, object>>(async token =>
        {
            var distinct = keys.Distinct(StringComparer.Ordinal).ToList();
            var rows = await Task.WhenAll(distinct.Select(key => ReadLiveAsync(key, token))).ConfigureAwait(false);
            var result = new Dictionary<string, object>(distinct.Count, StringComparer.Ordinal);
            for (var i = 0; i < distinct.Count; i++)
            {
                if (rows[i] is { } row)
                {
                    result[distinct[i]] = StateJson.ReadValue(row.Json, row.ETag);
                }
            }

            return result;
        }, cancellationToken);
    }

    public Task<StorageEntry?> ReadEntryAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);

        return RunAsync(async token => await ReadLiveAsync(key, token).ConfigureAwait(false) is { } row
            ? new StorageEntry(key, StateJson.Parse(row.Json), row.ETag, row.LastModified)
            : null, cancellationToken);
    }

    /// <remarks>Blobs have no multi-blob transaction: the changes are written one after another, and a
    /// conflict on one leaves the earlier ones written. BotState writes one key per call.</remarks>
    public async Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);

        foreach (var change in changes)
        {
            var stored = StateJson.ToStored(change.Value);
            var condition = stored.IsConditional ? stored.RequestedETag : StateJson.AnyETag;
            var eTag = await RunAsync(token => PutAsync(change.Key, stored.Json, condition, token), cancellationToken)
                .ConfigureAwait(false);
            StateJson.SetETag(change.Value, eTag);
        }
    }

    public Task<string> WriteIfMatchAsync(string key, object value, string? eTag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);

        var stored = StateJson.ToStored(value);
        return RunAsync(token => PutAsync(key, stored.Json, eTag, token), cancellationToken);
    }

    public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);

        return RunAsync(async token =>
        {
            foreach (var key in keys.Distinct(StringComparer.Ordinal))
            {
                try
                {
                    await _container.GetBlobClient(BlobNameFor(key))
                        .DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, conditions: null, token)
                        .ConfigureAwait(false);
                }
                catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
                {
                    // No container yet: nothing to delete.
                }
            }

            return true;
        }, cancellationToken);
    }

    /// <remarks>Lists the container with metadata and deletes each expired blob with If-Match on the ETag it
    /// was listed with, so a blob rewritten in the meantime survives. Each call is bounded by the retry policy,
    /// not by the single-operation budget (a large container takes longer than one turn's call).</remarks>
    public Task<int> PurgeExpiredAsync(CancellationToken cancellationToken = default)
    {
        return RunAsync(async token =>
        {
            var now = _clock.GetUtcNow();
            var purged = 0;
            try
            {
                var listing = _container.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata }, token);
                await foreach (var item in listing.ConfigureAwait(false))
                {
                    var key = Uri.UnescapeDataString(item.Name);
                    var modified = ReadModified(item.Metadata) ?? item.Properties.LastModified ?? now;
                    if (!_expiry.IsExpired(key, modified, now))
                    {
                        continue;
                    }

                    if (await DeleteIfUnchangedAsync(item.Name, item.Properties.ETag, token).ConfigureAwait(false))
                    {
                        purged++;
                    }
                }
            }
            catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
            {
                // No container yet: nothing has been stored.
            }

            return purged;
        }, cancellationToken, budgeted: false);
    }

    private async Task<bool> DeleteIfUnchangedAsync(string blobName, ETag? eTag, CancellationToken token)
    {
        try
        {
            var conditions = eTag is { } value ? new BlobRequestConditions { IfMatch = value } : null;
            var response = await _container.GetBlobClient(blobName)
                .DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, conditions, token)
                .ConfigureAwait(false);
            return response.Value;
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.PreconditionFailed)
        {
            return false;
        }
    }

    private async Task<Row?> ReadLiveAsync(string key, CancellationToken token)
    {
        try
        {
            var response = await _container.GetBlobClient(BlobNameFor(key)).DownloadContentAsync(token).ConfigureAwait(false);
            var details = response.Value.Details;
            var modified = ReadModified(details.Metadata) ?? details.LastModified;
            if (_expiry.IsExpired(key, modified, _clock.GetUtcNow()))
            {
                return null;
            }

            return new Row(response.Value.Content.ToString(), details.ETag.ToString(), modified);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Uploads one blob. <paramref name="eTag"/>: null = create only, "*" = unconditional, else If-Match.</summary>
    private async Task<string> PutAsync(string key, string json, string? eTag, CancellationToken token)
    {
        var blob = _container.GetBlobClient(BlobNameFor(key));
        var conditions = eTag switch
        {
            null => new BlobRequestConditions { IfNoneMatch = ETag.All },
            StateJson.AnyETag => null,
            _ => new BlobRequestConditions { IfMatch = new ETag(eTag) },
        };

        try
        {
            return await UploadAsync(blob, json, conditions, token).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (IsConditionFailure(ex, createOnly: eTag is null))
        {
            if (eTag is null && await ExpiredETagAsync(key, blob, token).ConfigureAwait(false) is { } expired)
            {
                // An expired blob reads as absent, so "create only" may replace it (unless it changes meanwhile).
                return await PutAsync(key, json, expired.ToString(), token).ConfigureAwait(false);
            }

            throw new StorageConflictException("The stored state changed since it was read.", ex) { Key = key };
        }
    }

    private async Task<string> UploadAsync(BlobClient blob, string json, BlobRequestConditions? conditions, CancellationToken token)
    {
        await EnsureContainerAsync(token).ConfigureAwait(false);
        var options = new BlobUploadOptions
        {
            Conditions = conditions,
            HttpHeaders = new BlobHttpHeaders { ContentType = JsonContentType },
            Metadata = new Dictionary<string, string>
            {
                [ModifiedMetadata] = _clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            },
        };

        try
        {
            var response = await blob.UploadAsync(BinaryData.FromString(json), options, token).ConfigureAwait(false);
            return response.Value.ETag.ToString();
        }
        catch (RequestFailedException ex) when (ex.ErrorCode == BlobErrorCode.ContainerNotFound)
        {
            // The container was deleted behind our back: make it again and retry once.
            _containerReady = false;
            await EnsureContainerAsync(token).ConfigureAwait(false);
            var response = await blob.UploadAsync(BinaryData.FromString(json), options, token).ConfigureAwait(false);
            return response.Value.ETag.ToString();
        }
    }

    private async Task<ETag?> ExpiredETagAsync(string key, BlobClient blob, CancellationToken token)
    {
        try
        {
            var properties = (await blob.GetPropertiesAsync(conditions: null, token).ConfigureAwait(false)).Value;
            var modified = ReadModified(properties.Metadata) ?? properties.LastModified;
            return _expiry.IsExpired(key, modified, _clock.GetUtcNow()) ? properties.ETag : null;
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task EnsureContainerAsync(CancellationToken token)
    {
        if (_containerReady)
        {
            return;
        }

        await _container.CreateIfNotExistsAsync(cancellationToken: token).ConfigureAwait(false);
        _containerReady = true;
    }

    private static bool IsConditionFailure(RequestFailedException ex, bool createOnly)
        => ex.Status == (int)HttpStatusCode.PreconditionFailed
            || (createOnly && ex.Status == (int)HttpStatusCode.Conflict && ex.ErrorCode == BlobErrorCode.BlobAlreadyExists);

    private static DateTimeOffset? ReadModified(IDictionary<string, string>? metadata)
        => metadata is not null
            && metadata.TryGetValue(ModifiedMetadata, out var text)
            && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var milliseconds)
            ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
            : null;

    /// <summary>
    /// Runs one storage call within the time budget and turns every transport or service failure into
    /// <see cref="StorageUnavailableException"/>. Conflicts and the caller's own cancellation pass through.
    /// </summary>
    private async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken, bool budgeted = true)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (budgeted)
        {
            budget.CancelAfter(_operationTimeout);
        }

        try
        {
            return await work(budget.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested
            && ex is not StorageConflictException)
        {
            throw new StorageUnavailableException("Blob storage did not answer within the time allowed.", ex);
        }
        catch (RequestFailedException ex)
        {
            throw new StorageUnavailableException(
                string.Create(CultureInfo.InvariantCulture, $"Blob storage refused the call (status {ex.Status}, {ex.ErrorCode ?? "no error code"})."), ex);
        }
        catch (Exception ex) when (ex is AggregateException or HttpRequestException or IOException or SocketException or TimeoutException)
        {
            throw new StorageUnavailableException("Blob storage could not be reached.", ex);
        }
    }

    private sealed record Row(string Json, string ETag, DateTimeOffset LastModified);
}
