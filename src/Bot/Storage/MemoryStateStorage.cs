namespace B12Bot.Storage;

/// <summary>
/// State in process memory, for tests. Stores the same plain JSON text as the durable stores, so a test
/// sees exactly what they would persist.
/// </summary>
public sealed class MemoryStateStorage : IConcurrencyAwareStorage
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Row> _rows = new(StringComparer.Ordinal);
    private readonly StateExpiryPolicy _expiry;
    private readonly TimeProvider _clock;

    public MemoryStateStorage(StateExpiryPolicy? expiry = null, TimeProvider? clock = null)
    {
        _expiry = expiry ?? StateExpiryPolicy.Default;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>The stored JSON text of a key (expired or not), or null. For tests that inspect what is persisted.</summary>
    public string? GetStoredJson(string key)
    {
        lock (_gate)
        {
            return _rows.TryGetValue(key, out var row) ? row.Json : null;
        }
    }

    public Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);

        var result = new Dictionary<string, object>(keys.Length, StringComparer.Ordinal);
        foreach (var key in keys.Distinct(StringComparer.Ordinal))
        {
            if (TryReadLive(key) is { } row)
            {
                result[key] = StateJson.ReadValue(row.Json, row.ETag);
            }
        }

        return Task.FromResult<IDictionary<string, object>>(result);
    }

    public Task<StorageEntry?> ReadEntryAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);

        var entry = TryReadLive(key) is { } row
            ? new StorageEntry(key, StateJson.Parse(row.Json), row.ETag, row.LastModified)
            : null;
        return Task.FromResult(entry);
    }

    public Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);

        var outgoing = changes.Select(change => (change.Key, Stored: StateJson.ToStored(change.Value))).ToList();
        var written = new List<(string Key, string ETag)>(outgoing.Count);
        lock (_gate)
        {
            var now = _clock.GetUtcNow();

            // Check every condition before changing anything: a batch is all or nothing.
            foreach (var (key, stored) in outgoing)
            {
                if (stored.IsConditional && LiveRow(key, now)?.ETag != stored.RequestedETag)
                {
                    throw new StorageConflictException { Key = key };
                }
            }

            foreach (var (key, stored) in outgoing)
            {
                var eTag = StateJson.NewETag();
                _rows[key] = new Row(stored.Json, eTag, now);
                written.Add((key, eTag));
            }
        }

        foreach (var (key, eTag) in written)
        {
            StateJson.SetETag(changes[key], eTag);
        }

        return Task.CompletedTask;
    }

    public Task<string> WriteIfMatchAsync(string key, object value, string? eTag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);

        var stored = StateJson.ToStored(value);
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            var current = LiveRow(key, now);
            var holds = eTag switch
            {
                null => current is null,
                StateJson.AnyETag => true,
                _ => current?.ETag == eTag,
            };
            if (!holds)
            {
                throw new StorageConflictException { Key = key };
            }

            var newETag = StateJson.NewETag();
            _rows[key] = new Row(stored.Json, newETag, now);
            return Task.FromResult(newETag);
        }
    }

    public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);

        lock (_gate)
        {
            foreach (var key in keys)
            {
                _rows.Remove(key);
            }
        }

        return Task.CompletedTask;
    }

    public Task<int> PurgeExpiredAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            var expired = _rows.Where(pair => _expiry.IsExpired(pair.Key, pair.Value.LastModified, now))
                .Select(pair => pair.Key)
                .ToList();
            foreach (var key in expired)
            {
                _rows.Remove(key);
            }

            return Task.FromResult(expired.Count);
        }
    }

    private Row? TryReadLive(string key)
    {
        lock (_gate)
        {
            return LiveRow(key, _clock.GetUtcNow());
        }
    }

    private Row? LiveRow(string key, DateTimeOffset now)
        => _rows.TryGetValue(key, out var row) && !_expiry.IsExpired(key, row.LastModified, now) ? row : null;

    private sealed record Row(string Json, string ETag, DateTimeOffset LastModified);
}
