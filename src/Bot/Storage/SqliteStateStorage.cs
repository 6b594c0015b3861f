using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace B12Bot.Storage;

/// <summary>
/// State in one SQLite file (WAL mode): a row per key with its JSON, an ETag, the kind of key and when it was
/// last written. Deleting deletes: <c>secure_delete</c> overwrites a deleted row's bytes, and after every delete
/// and purge the write-ahead log is checkpointed and truncated, so no page or log frame keeps a deleted row. The
/// folder the store creates is owner-only (0700), and the database, <c>-wal</c> and <c>-shm</c> files are 0600. Conditional writes compare and swap inside an immediate (write-locked) transaction. Other
/// processes may use the same file at the same time (they take turns for writes). Within this process writes take
/// turns on a lock of their own: SQLite's busy handler, which polls the file lock with growing sleeps, is then
/// only used against other processes, instead of adding tens of milliseconds to a turn whenever two turns
/// save at once.
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

    /// <summary>Copies the log into the database and empties it: frames of deleted rows leave the log file.</summary>
    private const string CheckpointSql = "PRAGMA wal_checkpoint(TRUNCATE)";

    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>How long a read waits between attempts while another connection holds a lock.</summary>
    private const int BusyWait = 20;

    private readonly string _connectionString;
    private readonly long _busyTimeoutMs;
    private readonly string _path;
    private readonly StateExpiryPolicy _expiry;
    private readonly TimeProvider _clock;
    // The open connections not in use, the last returned on top, under a short lock. (A ConcurrentBag locked every
    // thread's list to count them at each return, and a thread with an empty list of its own stole from the others'.)
    private readonly Stack<Session> _idle = new();
    private readonly Lock _idleGate = new();
    private readonly Lock _writeGate = new();
    private readonly int _maxIdle = Math.Max(4, 2 * Environment.ProcessorCount);
    private volatile bool _schemaReady;
    private volatile bool _disposed;

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

        // The store keeps its own few open connections with their statements prepared (see Session), so the
        // driver's pool would only add work to every operation.
        _busyTimeoutMs = 1000L * Math.Max(1, (int)Math.Ceiling((busyTimeout ?? TimeSpan.FromSeconds(2)).TotalSeconds));
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling((busyTimeout ?? TimeSpan.FromSeconds(2)).TotalSeconds)),
        }.ToString();
    }

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath => _path;

    public Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);

        return Run<IDictionary<string, object>>(session =>
        {
            var result = new Dictionary<string, object>(keys.Length, StringComparer.Ordinal);
            var now = _clock.GetUtcNow();
            foreach (var key in keys.Distinct(StringComparer.Ordinal))
            {
                if (ReadLive(session, key, now) is { } row)
                {
                    result[key] = StateJson.ReadValue(row.Json, row.ETag);
                }
            }

            return result;
        }, cancellationToken);
    }

    public Task<StorageEntry?> ReadEntryAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);

        return Run(session => SelectLive(session, null, key, _clock.GetUtcNow()) is { } row
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
        var written = await Run(session =>
        {
            using var writing = _writeGate.EnterScope();
            using var transaction = session.Connection.BeginTransaction(deferred: false);
            var now = _clock.GetUtcNow();
            var eTags = new List<(string Key, string ETag)>(outgoing.Count);
            foreach (var (key, stored) in outgoing)
            {
                if (stored.IsConditional && SelectLive(session, transaction, key, now)?.ETag != stored.RequestedETag)
                {
                    // Leaving without Commit rolls the whole batch back.
                    throw new StorageConflictException { Key = key };
                }

                eTags.Add((key, Upsert(session, transaction, key, stored.Json, now)));
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
        return Run(session =>
        {
            using var writing = _writeGate.EnterScope();
            using var transaction = session.Connection.BeginTransaction(deferred: false);
            var now = _clock.GetUtcNow();
            if (eTag != StateJson.AnyETag)
            {
                var current = SelectLive(session, transaction, key, now);
                var holds = eTag is null ? current is null : current?.ETag == eTag;
                if (!holds)
                {
                    throw new StorageConflictException { Key = key };
                }
            }

            var newETag = Upsert(session, transaction, key, stored.Json, now);
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

        return Run(session =>
        {
            using var writing = _writeGate.EnterScope();
            using var transaction = session.Connection.BeginTransaction(deferred: false);
            var command = session.Delete;
            command.Transaction = transaction;
            foreach (var key in keys)
            {
                command.Parameters[0].Value = key;
                command.ExecuteNonQuery();
            }

            transaction.Commit();
            Checkpoint(session);
            return true;
        }, cancellationToken);
    }

    public Task<int> PurgeExpiredAsync(CancellationToken cancellationToken = default)
    {
        return Run(session =>
        {
            using var writing = _writeGate.EnterScope();
            var now = _clock.GetUtcNow();
            var purged = 0;
            foreach (var kind in Enum.GetValues<StateKeyKind>())
            {
                if (_expiry.CutoffFor(kind, now) is not { } cutoff)
                {
                    continue;
                }

                using var command = session.Connection.CreateCommand();
                command.CommandText = PurgeSql;
                command.Parameters.AddWithValue("$kind", (int)kind);
                command.Parameters.AddWithValue("$cutoff", cutoff.ToUnixTimeMilliseconds());
                purged += command.ExecuteNonQuery();
            }

            Checkpoint(session);
            return purged;
        }, cancellationToken);
    }

    /// <summary>Closes the store's connections to the file.</summary>
    public void Dispose()
    {
        _disposed = true;
        while (TakeIdle() is { } session)
        {
            session.Dispose();
        }
    }

    private Row? SelectLive(Session session, SqliteTransaction? transaction, string key, DateTimeOffset now)
    {
        var command = session.Select;
        command.Transaction = transaction;
        command.Parameters[0].Value = key;
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var row = new Row(reader.GetString(0), reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)));
        return _expiry.IsExpired(key, row.LastModified, now) ? null : row;
    }

    /// <summary>
    /// The live row of <paramref name="key"/> outside a transaction (a turn's read), through SQLite's own statement
    /// API: the same query as <see cref="SelectLive"/> without the data provider's work around it on every read
    /// (binding by parameter name, a data reader, stepping past the one row). Errors are the provider's
    /// <see cref="SqliteException"/>, as for every other operation.
    /// </summary>
    private Row? ReadLive(Session session, string key, DateTimeOffset now)
    {
        var statement = session.Read;
        var database = session.Connection.Handle;
        try
        {
            Check(raw.sqlite3_bind_text(statement, 1, key), database);
            var step = raw.sqlite3_step(statement);
            var started = Environment.TickCount64;
            while (IsBusy(step) && Environment.TickCount64 - started < _busyTimeoutMs)
            {
                // As the provider's commands do: another connection holds a lock (a checkpoint, another process's
                // write); wait a little and try again, until the busy timeout.
                _ = raw.sqlite3_reset(statement);
                Thread.Sleep(BusyWait);
                step = raw.sqlite3_step(statement);
            }

            if (step == raw.SQLITE_DONE)
            {
                return null;
            }

            if (step != raw.SQLITE_ROW)
            {
                Check(step, database);
            }

            var row = new Row(
                raw.sqlite3_column_text(statement, 0).utf8_to_string(),
                raw.sqlite3_column_text(statement, 1).utf8_to_string(),
                DateTimeOffset.FromUnixTimeMilliseconds(raw.sqlite3_column_int64(statement, 2)));
            return _expiry.IsExpired(key, row.LastModified, now) ? null : row;
        }
        finally
        {
            _ = raw.sqlite3_reset(statement);
            _ = raw.sqlite3_clear_bindings(statement);
        }
    }

    private static bool IsBusy(int result) => (result & 0xFF) is raw.SQLITE_BUSY or raw.SQLITE_LOCKED;

    private static void Check(int result, SQLitePCL.sqlite3? database)
    {
        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, database);
        }
    }

    /// <summary>
    /// Folds the write-ahead log into the database file and truncates it to zero bytes. A reader of another process
    /// that still holds an old snapshot can keep the log from being truncated; the next delete or purge retries.
    /// </summary>
    private static void Checkpoint(Session session)
    {
        using var command = session.Connection.CreateCommand();
        command.CommandText = CheckpointSql;
        command.ExecuteNonQuery();
    }

    private static string Upsert(Session session, SqliteTransaction transaction, string key, string json, DateTimeOffset now)
    {
        var eTag = StateJson.NewETag();
        var command = session.Upsert;
        command.Transaction = transaction;
        var parameters = command.Parameters;
        parameters[0].Value = key;
        parameters[1].Value = (int)StateKeys.Classify(key);
        parameters[2].Value = json;
        parameters[3].Value = eTag;
        parameters[4].Value = now.ToUnixTimeMilliseconds();
        command.ExecuteNonQuery();
        return eTag;
    }

    /// <summary>
    /// Runs the work on an open connection of the store. Any SQLite or file-system failure becomes
    /// <see cref="StorageUnavailableException"/> (and the connection is closed, so the next operation opens the
    /// file afresh); a database file that lost its table (replaced or recreated while running) gets its schema
    /// back once. Everything SQLite does here is synchronous, so the task is complete when it is returned.
    /// </summary>
    private Task<T> Run<T>(Func<Session, T> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_disposed, this);
        for (var attempt = 0; ; attempt++)
        {
            Session? session = null;
            try
            {
                session = Rent();
                var result = work(session);
                Return(session);
                return Task.FromResult(result);
            }
            catch (StorageConflictException)
            {
                // The transaction was rolled back when it was disposed: the connection is fine.
                Return(session!);
                throw;
            }
            catch (SqliteException ex) when (attempt == 0 && ex.SqliteErrorCode == SqliteError
                && ex.Message.Contains("no such table", StringComparison.OrdinalIgnoreCase))
            {
                session?.Dispose();
                _schemaReady = false;
            }
            catch (SqliteException ex)
            {
                session?.Dispose();
                return Task.FromException<T>(new StorageUnavailableException(
                    $"The SQLite state database could not be used (SQLite error {ex.SqliteErrorCode}).", ex));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                session?.Dispose();
                return Task.FromException<T>(new StorageUnavailableException("The folder of the SQLite state database could not be used.", ex));
            }
            catch
            {
                session?.Dispose();
                throw;
            }
        }
    }

    private Session? TakeIdle()
    {
        lock (_idleGate)
        {
            return _idle.TryPop(out var session) ? session : null;
        }
    }

    private Session Rent()
    {
        if (TakeIdle() is { } session)
        {
            if (_schemaReady)
            {
                return session;
            }

            // The schema is being restored: start from a connection that sees the file as it is now.
            session.Dispose();
        }

        return Open();
    }

    private void Return(Session session)
    {
        if (!_disposed && _schemaReady)
        {
            lock (_idleGate)
            {
                if (_idle.Count < _maxIdle)
                {
                    _idle.Push(session);
                    return;
                }
            }
        }

        session.Dispose();
    }

    private Session Open()
    {
        if (!_schemaReady)
        {
            PrepareFiles();
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();

            // Per connection. With WAL, NORMAL survives a killed process (only a power cut can lose the last
            // commits) and spares an fsync on every write. secure_delete overwrites deleted content with zeros.
            Execute(connection, "PRAGMA synchronous = NORMAL; PRAGMA secure_delete = ON");
            if (!_schemaReady)
            {
                Execute(connection, SchemaSql);
                OwnerOnly(_path + "-wal");
                OwnerOnly(_path + "-shm");
                _schemaReady = true;
            }

            return new Session(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Creates a missing folder owner-only, and the database file owner-only before SQLite opens it (SQLite gives
    /// its <c>-wal</c> and <c>-shm</c> files the database file's permissions); an existing file is made owner-only.
    /// </summary>
    private void PrepareFiles()
    {
        var folder = Path.GetDirectoryName(_path);
        if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                Directory.CreateDirectory(folder, OwnerOnlyFolder);
            }
        }

        if (OperatingSystem.IsWindows())
        {
            return;
        }

        if (!File.Exists(_path))
        {
            try
            {
                using var created = new FileStream(_path, new FileStreamOptions
                {
                    Mode = FileMode.CreateNew,
                    Access = FileAccess.Write,
                    UnixCreateMode = OwnerOnlyFile,
                });
            }
            catch (IOException) when (File.Exists(_path))
            {
                // Another store or process created it at the same moment.
            }
        }

        OwnerOnly(_path);
    }

    private static void OwnerOnly(string file)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(file))
        {
            return;
        }

        if ((File.GetUnixFileMode(file) & ~OwnerOnlyFile) != 0)
        {
            File.SetUnixFileMode(file, OwnerOnlyFile);
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// One open connection with the store's statements prepared once: an operation binds its values and runs
    /// them, instead of opening the file and compiling SQL every time. Used by one operation at a time.
    /// </summary>
    private sealed class Session : IDisposable
    {
        public Session(SqliteConnection connection)
        {
            Connection = connection;
            Select = Prepare(connection, SelectSql, ("$key", SqliteType.Text));
            Upsert = Prepare(connection, UpsertSql,
                ("$key", SqliteType.Text), ("$kind", SqliteType.Integer), ("$value", SqliteType.Text),
                ("$etag", SqliteType.Text), ("$modified", SqliteType.Integer));
            Delete = Prepare(connection, DeleteSql, ("$key", SqliteType.Text));
            try
            {
                Check(raw.sqlite3_prepare_v2(connection.Handle, SelectSql, out var read), connection.Handle);
                Read = read;
            }
            catch
            {
                Select.Dispose();
                Upsert.Dispose();
                Delete.Dispose();
                throw;
            }
        }

        public SqliteConnection Connection { get; }

        public SqliteCommand Select { get; }

        public SqliteCommand Upsert { get; }

        public SqliteCommand Delete { get; }

        /// <summary>The select, prepared with SQLite's own API for <see cref="ReadLive"/>.</summary>
        public sqlite3_stmt Read { get; } = null!;

        public void Dispose()
        {
            Read?.Dispose();
            Select.Dispose();
            Upsert.Dispose();
            Delete.Dispose();
            Connection.Dispose();
        }

        private static SqliteCommand Prepare(SqliteConnection connection, string sql, params (string Name, SqliteType Type)[] parameters)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, type) in parameters)
            {
                command.Parameters.Add(name, type);
            }

            command.Prepare();
            return command;
        }
    }

    private sealed record Row(string Json, string ETag, DateTimeOffset LastModified);
}
