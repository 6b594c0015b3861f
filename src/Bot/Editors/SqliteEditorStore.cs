using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace B12Bot.Editors;

/// <summary>
/// Editor items in their own SQLite file next to the state: created readable and writable by the owner only, with
/// <c>secure_delete</c> on so that removed items (retention, "vergeet mij") are overwritten, not just unlinked.
/// Few writes (feedback, unanswered questions, counts once a minute): one connection, used one call at a time.
/// </summary>
public sealed class SqliteEditorStore : IEditorStore, IDisposable
{
    private const string SchemaSql = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS editor_items (
            id           INTEGER PRIMARY KEY,
            kind         TEXT    NOT NULL,
            entry_id     TEXT,
            channel      TEXT    NOT NULL,
            text         TEXT,
            alternatives TEXT,
            owner        TEXT    NOT NULL,
            at           INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS editor_items_at ON editor_items (at);
        CREATE INDEX IF NOT EXISTS editor_items_owner ON editor_items (owner);
        CREATE TABLE IF NOT EXISTS editor_weeks (
            week  TEXT    NOT NULL,
            kind  TEXT    NOT NULL,
            count INTEGER NOT NULL,
            PRIMARY KEY (week, kind)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS editor_answers (
            message_key TEXT    NOT NULL PRIMARY KEY,
            entry_id    TEXT    NOT NULL,
            owner       TEXT    NOT NULL,
            at          INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS editor_meta (
            name  TEXT NOT NULL PRIMARY KEY,
            value BLOB NOT NULL
        ) WITHOUT ROWID;
        """;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _path;
    private SqliteConnection? _connection;

    public SqliteEditorStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _path = Path.GetFullPath(path);
    }

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath => _path;

    public Task AddAsync(EditorItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        return RunAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO editor_items (kind, entry_id, channel, text, alternatives, owner, at) VALUES ($kind, $entry, $channel, $text, $alternatives, $owner, $at)";
            command.Parameters.AddWithValue("$kind", item.Kind.ToString());
            command.Parameters.AddWithValue("$entry", (object?)item.EntryId ?? DBNull.Value);
            command.Parameters.AddWithValue("$channel", item.Channel);
            command.Parameters.AddWithValue("$text", (object?)item.Text ?? DBNull.Value);
            command.Parameters.AddWithValue("$alternatives", item.Alternatives.Count == 0 ? DBNull.Value : string.Join(' ', item.Alternatives));
            command.Parameters.AddWithValue("$owner", item.Owner);
            command.Parameters.AddWithValue("$at", item.At.ToUnixTimeMilliseconds());
            command.ExecuteNonQuery();
            return 0;
        }, cancellationToken);
    }

    public Task AddCountsAsync(IReadOnlyCollection<WeeklyCount> counts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Count == 0)
        {
            return Task.CompletedTask;
        }

        return RunAsync(connection =>
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO editor_weeks (week, kind, count) VALUES ($week, $kind, $count) ON CONFLICT (week, kind) DO UPDATE SET count = count + excluded.count";
            var week = command.Parameters.Add("$week", SqliteType.Text);
            var kind = command.Parameters.Add("$kind", SqliteType.Text);
            var count = command.Parameters.Add("$count", SqliteType.Integer);
            foreach (var item in counts)
            {
                week.Value = item.Week;
                kind.Value = item.Kind.ToString();
                count.Value = item.Count;
                command.ExecuteNonQuery();
            }

            transaction.Commit();
            return 0;
        }, cancellationToken);
    }

    public Task<EditorData> ReadAsync(DateTimeOffset since, CancellationToken cancellationToken) => RunAsync(connection =>
    {
        var items = new List<EditorItem>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT kind, entry_id, channel, text, alternatives, owner, at FROM editor_items WHERE at >= $since ORDER BY at, id";
            command.Parameters.AddWithValue("$since", since.ToUnixTimeMilliseconds());
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (!Enum.TryParse<EditorItemKind>(reader.GetString(0), out var kind))
                {
                    continue;
                }

                items.Add(new EditorItem
                {
                    Kind = kind,
                    EntryId = reader.IsDBNull(1) ? null : reader.GetString(1),
                    Channel = reader.GetString(2),
                    Text = reader.IsDBNull(3) ? null : reader.GetString(3),
                    Alternatives = reader.IsDBNull(4) ? [] : reader.GetString(4).Split(' ', StringSplitOptions.RemoveEmptyEntries),
                    Owner = reader.GetString(5),
                    At = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
                });
            }
        }

        var weeks = new List<WeeklyCount>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT week, kind, count FROM editor_weeks ORDER BY week";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (Enum.TryParse<WeeklyCountKind>(reader.GetString(1), out var kind))
                {
                    weeks.Add(new WeeklyCount(reader.GetString(0), kind, reader.GetInt32(2)));
                }
            }
        }

        return new EditorData(items, weeks);
    }, cancellationToken);

    public Task EraseOwnerAsync(string owner, CancellationToken cancellationToken) => RunAsync(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM editor_items WHERE owner = $owner; DELETE FROM editor_answers WHERE owner = $owner;";
        command.Parameters.AddWithValue("$owner", owner);
        command.ExecuteNonQuery();
        return 0;
    }, cancellationToken);

    public Task PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken) => RunAsync(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM editor_items WHERE at < $before; DELETE FROM editor_answers WHERE at < $before; DELETE FROM editor_weeks WHERE week < $week;";
        command.Parameters.AddWithValue("$before", before.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$week", EditorWeeks.Of(before));
        command.ExecuteNonQuery();
        return 0;
    }, cancellationToken);

    public Task RememberAnswerAsync(string messageKey, string entryId, string owner, DateTimeOffset at, CancellationToken cancellationToken) => RunAsync(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR REPLACE INTO editor_answers (message_key, entry_id, owner, at) VALUES ($key, $entry, $owner, $at)";
        command.Parameters.AddWithValue("$key", messageKey);
        command.Parameters.AddWithValue("$entry", entryId);
        command.Parameters.AddWithValue("$owner", owner);
        command.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
        command.ExecuteNonQuery();
        return 0;
    }, cancellationToken);

    public Task<string?> FindAnswerAsync(string messageKey, CancellationToken cancellationToken) => RunAsync(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT entry_id FROM editor_answers WHERE message_key = $key";
        command.Parameters.AddWithValue("$key", messageKey);
        return command.ExecuteScalar() as string;
    }, cancellationToken);

    public Task<byte[]> HashKeyAsync(CancellationToken cancellationToken) => RunAsync(connection =>
    {
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT value FROM editor_meta WHERE name = 'hash-key'";
        if (select.ExecuteScalar() is byte[] { Length: 32 } existing)
        {
            return existing;
        }

        var key = RandomNumberGenerator.GetBytes(32);
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT OR IGNORE INTO editor_meta (name, value) VALUES ('hash-key', $value)";
        insert.Parameters.AddWithValue("$value", key);
        insert.ExecuteNonQuery();
        return (byte[])select.ExecuteScalar()!;
    }, cancellationToken);

    public void Dispose()
    {
        _connection?.Dispose();
        _gate.Dispose();
    }

    private async Task<T> RunAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return work(_connection ??= Open());
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Creates the file owner-only before SQLite opens it (its WAL and shared-memory files take the same mode).</summary>
    private SqliteConnection Open()
    {
        var folder = Path.GetDirectoryName(_path)!;
        Directory.CreateDirectory(folder);
        if (!File.Exists(_path))
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            try
            {
                using var created = new FileStream(_path, options);
            }
            catch (IOException) when (File.Exists(_path))
            {
                // Another process created it first.
            }
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 5,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA secure_delete = ON;" + SchemaSql;
        command.ExecuteNonQuery();
        return connection;
    }

}
