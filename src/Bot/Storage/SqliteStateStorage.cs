using Microsoft.Data.Sqlite;

namespace B12Bot.Storage;

/// <summary>
/// State in one SQLite file (WAL mode): a row per key with its JSON, an ETag, the kind of key and when it was
/// last written. Conditional writes compare and swap inside an immediate (write-locked) transaction.
/// </summary>
public sealed class SqliteStateStorage : IConcurrencyAwareStorage, IDisposable
{
    private const string Table = "bot_state";
    private const int SqliteError = 1;

    private const string SchemaSql = $"""
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS {Table} (
            key      TEXT    NOT NULL PRIMARY KEY,
            kind     INTEGER NOT NULL,
            value    TEXT    NOT NULL,
            etag     TEXT    NOT NULL,
            modified INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS {Table}_expiry ON {Table} (kind, modified);
        """;

    private const string SelectSql = $"SELECT value, etag, modified FROM {Table} WHERE key = $key";

    private const string UpsertSql = $"""
        INSERT INTO {Table} (key, kind, value, etag, modified) VALUES ($key, $kind, $value, $etag, $modified)
        ON CONFLICT (key) DO UPDATE SET
            kind = excluded.kind, value = excluded.value, etag = excluded.etag, modified = excluded.modified
        """;

    private const string DeleteSql = $"DELETE FROM {Table} WHERE key = $key";

    private const string PurgeSql = $"DELETE FROM {Table} WHERE kind = $kind AND modified < $cutoff";

    private readonly string _connectionString;
    private readonly string _path;
    private readonly StateExpiryPolicy _expiry;
    private readonly TimeProvider _clock;
    private volatile bool _schemaReady;

    /// <param name="path">The database file; its folder is created when missing.</param>
    /// <param name="expiry">Time to live per kind of key; 30 days when null.</param>
    /// <param name="clock">The clock for last-modified stamps and expiry.</param>
    /// <param name="busyTimeout">How long to wait for a lock held by another connection before giving up
    /// (whole seconds, at least one).</param>
    public SqliteStateStorage(string path, StateExpiryPolicy? expiry = null, TimeProvider? clock = null, TimeSpan? busyTimeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);

        _path = Path.GetFullPath(path);
        _expiry = expiry ?? StateExpiryPolicy.Default;
        _clock = clock ?? TimeProvider.System;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling((busyTimeout ?? TimeSpan.FromSeconds(2)).TotalSeconds)),
        }.ToString();
    }

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath => _path;

    public Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);

        return RunAsync<IDictionary<string, object>>(connection =>
        {
            var result = new Dictionary<string, object>(keys.Length, StringComparer.Ordinal);
            var now = _clock.GetUtcNow();
            foreach (var key in keys.Distinct(StringComparer.Ordinal))
            {
                if (SelectLive(connection, null, key, now) is { } row)
                {
                    result[key] = StateJson.ToReadValue(StateJson.Parse(row.Json), row.ETag);
                }
            }

            return result;
        }, cancellationToken);
    }

    public Task<StorageEntry?> ReadEntryAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);

        return RunAsync(connection => SelectLive(connection, null, key, _clock.GetUtcNow()) is { } row
            ? new StorageEntry(key, StateJson.Parse(row.Json), row.ETag, row.LastModified)
            : null, cancellationToken);
    }

    public async Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return;
        }

        var outgoing = changes.Select(change => (change.Key, Stored: StateJson.ToStored(change.Value))).ToList();
        var written = await RunAsync(connection =>
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            var now = _clock.GetUtcNow();
            var eTags = new List<(string Key, string ETag)>(outgoing.Count);
            foreach (var (key, stored) in outgoing)
            {
                if (stored.IsConditional && SelectLive(connection, transaction, key, now)?.ETag != stored.RequestedETag)
                {
                    // Leaving without Commit rolls the whole batch back.
                    throw new StorageConflictException { Key = key };
                }

                eTags.Add((key, Upsert(connection, transaction, key, stored.Json, now)));
            }

            transaction.Commit();
            return eTags;
        }, cancellationToken).ConfigureAwait(false);

        foreach (var (key, eTag) in written)
        {
            StateJson.SetETag(changes[key], eTag);
        }
    }

    public Task<string> WriteIfMatchAsync(string key, object value, string? eTag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);

        var stored = StateJson.ToStored(value);
        return RunAsync(connection =>
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            var now = _clock.GetUtcNow();
            if (eTag != StateJson.AnyETag)
            {
                var current = SelectLive(connection, transaction, key, now);
                var holds = eTag is null ? current is null : current?.ETag == eTag;
                if (!holds)
                {
                    throw new StorageConflictException { Key = key };
                }
            }

            var newETag = Upsert(connection, transaction, key, stored.Json, now);
            transaction.Commit();
            return newETag;
        }, cancellationToken);
    }

    public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Length == 0)
        {
            return Task.CompletedTask;
        }

        return RunAsync(connection =>
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            using var command = Command(connection, transaction, DeleteSql);
            var keyParameter = command.Parameters.Add("$key", SqliteType.Text);
            foreach (var key in keys)
            {
                keyParameter.Value = key;
                command.ExecuteNonQuery();
            }

            transaction.Commit();
            return true;
        }, cancellationToken);
    }

    public Task<int> PurgeExpiredAsync(CancellationToken cancellationToken = default)
    {
        return RunAsync(connection =>
        {
            var now = _clock.GetUtcNow();
            var purged = 0;
            foreach (var kind in Enum.GetValues<StateKeyKind>())
            {
                if (_expiry.CutoffFor(kind, now) is not { } cutoff)
                {
                    continue;
                }

                using var command = Command(connection, null, PurgeSql);
                command.Parameters.AddWithValue("$kind", (int)kind);
                command.Parameters.AddWithValue("$cutoff", cutoff.ToUnixTimeMilliseconds());
                purged += command.ExecuteNonQuery();
            }

            return purged;
        }, cancellationToken);
    }

    /// <summary>Closes the pooled connections to the file.</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private Row? SelectLive(SqliteConnection connection, SqliteTransaction? transaction, string key, DateTimeOffset now)
    {
        using var command = Command(connection, transaction, SelectSql);
        command.Parameters.AddWithValue("$key", key);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var row = new Row(reader.GetString(0), reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)));
        return _expiry.IsExpired(key, row.LastModified, now) ? null : row;
    }

    private static string Upsert(SqliteConnection connection, SqliteTransaction transaction, string key, string json, DateTimeOffset now)
    {
        var eTag = StateJson.NewETag();
        using var command = Command(connection, transaction, UpsertSql);
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$kind", (int)StateKeys.Classify(key));
        command.Parameters.AddWithValue("$value", json);
        command.Parameters.AddWithValue("$etag", eTag);
        command.Parameters.AddWithValue("$modified", now.ToUnixTimeMilliseconds());
        command.ExecuteNonQuery();
        return eTag;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    /// <summary>
    /// Opens a connection and runs the work on it. Any SQLite or file-system failure becomes
    /// <see cref="StorageUnavailableException"/>; a database file that lost its table (replaced or recreated
    /// while running) gets its schema back once.
    /// </summary>
    private async Task<T> RunAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
                return work(connection);
            }
            catch (SqliteException ex) when (attempt == 0 && ex.SqliteErrorCode == SqliteError
                && ex.Message.Contains("no such table", StringComparison.OrdinalIgnoreCase))
            {
                _schemaReady = false;
            }
            catch (SqliteException ex)
            {
                throw new StorageUnavailableException($"The SQLite state database could not be used (SQLite error {ex.SqliteErrorCode}).", ex);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new StorageUnavailableException("The folder of the SQLite state database could not be used.", ex);
            }
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(_path);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

            // Per connection. With WAL, NORMAL survives a killed process (only a power cut can lose the last
            // commits) and spares an fsync on every write.
            using (var pragma = Command(connection, null, "PRAGMA synchronous = NORMAL"))
            {
                pragma.ExecuteNonQuery();
            }

            if (!_schemaReady)
            {
                using var command = Command(connection, null, SchemaSql);
                command.ExecuteNonQuery();
                _schemaReady = true;
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private sealed record Row(string Json, string ETag, DateTimeOffset LastModified);
}
