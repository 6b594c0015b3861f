using B12Bot.Storage;
using Microsoft.Data.Sqlite;
using Newtonsoft.Json.Linq;

namespace B12Bot.Tests.Storage;

public sealed class SqliteStateStorageTests : StateStorageContract, IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("b12bot-sqlite-");
    private readonly List<SqliteStateStorage> _stores = [];

    private string DatabasePath => Path.Combine(_folder.FullName, "data", "b12bot.db");

    protected override IConcurrencyAwareStorage CreateStore(TimeProvider clock, StateExpiryPolicy expiry)
        => Open(DatabasePath, clock, expiry);

    protected override async Task<string?> ReadStoredTextAsync(string key)
    {
        await using var connection = new SqliteConnection(RawConnectionString(DatabasePath, SqliteOpenMode.ReadOnly));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM bot_state WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        return await command.ExecuteScalarAsync() as string;
    }

    [Fact]
    public async Task Many_reads_and_writes_at_once_on_one_store_each_see_their_own_conversation()
    {
        // The store lends each operation one of its open connections: none may see another's key or value.
        var keys = Enumerable.Range(0, 24).Select(i => $"webchat/conversations/parallel-{i}").ToArray();
        await Task.WhenAll(keys.Select((key, i) => Task.Run(async () =>
        {
            var eTag = await Store.WriteIfMatchAsync(key, new JObject { ["step"] = 0, ["who"] = i }, eTag: null);
            for (var step = 1; step <= 10; step++)
            {
                var read = await Store.ReadEntryAsync(key);
                Assert.Equal(i, read!.Value.Value<int>("who"));
                Assert.Equal(step - 1, read.Value.Value<int>("step"));
                eTag = await Store.WriteIfMatchAsync(key, new JObject { ["step"] = step, ["who"] = i }, eTag);
            }
        })));

        var all = await Store.ReadAsync(keys);
        Assert.Equal(keys.Length, all.Count);
        Assert.All(keys.Select((key, i) => (Value: JObject.FromObject(all[key]), Who: i)), pair =>
        {
            Assert.Equal(10, pair.Value.Value<int>("step"));
            Assert.Equal(pair.Who, pair.Value.Value<int>("who"));
        });
    }

    [Fact]
    public async Task A_read_sees_at_once_what_another_store_on_the_same_file_wrote_and_deleted()
    {
        // Two instances (or processes) on one file: every read asks the file, so none returns a value the other replaced.
        var other = Open(DatabasePath, Clock, Expiry);
        var eTag = await Store.WriteIfMatchAsync(ConversationKey, new JObject { ["step"] = 1 }, eTag: null);
        Assert.Equal(1L, ((IDictionary<string, object>)(await Store.ReadAsync([ConversationKey]))[ConversationKey])["step"]);

        var otherETag = await other.WriteIfMatchAsync(ConversationKey, new JObject { ["step"] = 2 }, eTag);
        var read = (IDictionary<string, object>)(await Store.ReadAsync([ConversationKey]))[ConversationKey];
        Assert.Equal(2L, read["step"]);
        Assert.Equal(otherETag, read["eTag"]);

        await other.DeleteAsync([ConversationKey]);
        Assert.Empty(await Store.ReadAsync([ConversationKey]));
    }

    [Fact]
    public async Task A_read_after_the_table_was_dropped_elsewhere_gets_the_schema_back_and_finds_nothing()
    {
        _ = await Store.WriteIfMatchAsync(ConversationKey, new JObject { ["step"] = 1 }, eTag: null);
        Assert.Single(await Store.ReadAsync([ConversationKey]));

        await using (var connection = new SqliteConnection(RawConnectionString(DatabasePath, SqliteOpenMode.ReadWrite)))
        {
            await connection.OpenAsync();
            await using var drop = connection.CreateCommand();
            drop.CommandText = "DROP TABLE bot_state";
            await drop.ExecuteNonQueryAsync();
        }

        Assert.Empty(await Store.ReadAsync([ConversationKey]));
        var eTag = await Store.WriteIfMatchAsync(ConversationKey, new JObject { ["step"] = 2 }, eTag: null);
        Assert.Equal(eTag, (await Store.ReadEntryAsync(ConversationKey))!.ETag);
    }

    [Fact]
    public async Task State_survives_a_new_store_on_the_same_file()
    {
        var eTag = await Store.WriteIfMatchAsync(ConversationKey, new JObject { ["step"] = 3, ["antwoorden"] = new JArray("ja", "nee") }, eTag: null);
        ((IDisposable)Store).Dispose();

        var reopened = Open(DatabasePath, Clock, Expiry);
        var entry = await reopened.ReadEntryAsync(ConversationKey);

        Assert.NotNull(entry);
        Assert.Equal(eTag, entry.ETag);
        Assert.Equal(3, entry.Value.Value<int>("step"));
        Assert.Equal(["ja", "nee"], entry.Value["antwoorden"]!.Values<string>());
        await Assert.ThrowsAsync<StorageConflictException>(
            () => reopened.WriteIfMatchAsync(ConversationKey, new JObject(), "not-the-etag"));
    }

    [Fact]
    public async Task The_file_is_in_write_ahead_log_mode_and_its_folder_is_created()
    {
        await Store.WriteAsync(new Dictionary<string, object> { [ConversationKey] = new JObject { ["step"] = 1 } });

        await using var connection = new SqliteConnection(RawConnectionString(DatabasePath, SqliteOpenMode.ReadOnly));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        Assert.Equal("wal", await command.ExecuteScalarAsync() as string);
        Assert.True(File.Exists(DatabasePath));
    }

    [Fact]
    public async Task An_unusable_file_makes_the_store_unavailable_until_it_is_usable_again()
    {
        // A folder where the database file should be: SQLite cannot open it (this holds even for root).
        var path = Path.Combine(_folder.FullName, "blocked", "b12bot.db");
        Directory.CreateDirectory(path);
        var store = Open(path, Clock, Expiry);

        await Assert.ThrowsAsync<StorageUnavailableException>(() => store.ReadAsync([ConversationKey]));
        await Assert.ThrowsAsync<StorageUnavailableException>(
            () => store.WriteAsync(new Dictionary<string, object> { [ConversationKey] = new JObject { ["step"] = 1 } }));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => store.PurgeExpiredAsync());

        Directory.Delete(path);

        await store.WriteAsync(new Dictionary<string, object> { [ConversationKey] = new JObject { ["step"] = 2 } });
        Assert.Equal(2, (await store.ReadEntryAsync(ConversationKey))!.Value.Value<int>("step"));
    }

    [Fact]
    public async Task A_database_locked_by_another_process_is_unavailable_and_recovers_when_released()
    {
        await Store.WriteAsync(new Dictionary<string, object> { [ConversationKey] = new JObject { ["step"] = 1 } });

        await using (var holder = new SqliteConnection(RawConnectionString(DatabasePath, SqliteOpenMode.ReadWrite)))
        {
            await holder.OpenAsync();
            await using var transaction = await holder.BeginTransactionAsync();
            await using var write = holder.CreateCommand();
            write.Transaction = (SqliteTransaction)transaction;
            write.CommandText = "UPDATE bot_state SET value = value";
            await write.ExecuteNonQueryAsync();

            await Assert.ThrowsAsync<StorageUnavailableException>(
                () => Store.WriteAsync(new Dictionary<string, object> { [ConversationKey] = new JObject { ["step"] = 2 } }));

            // Readers are not blocked by a writer in WAL mode.
            Assert.Equal(1, (await Store.ReadEntryAsync(ConversationKey))!.Value.Value<int>("step"));
            await transaction.RollbackAsync();
        }

        await Store.WriteAsync(new Dictionary<string, object> { [ConversationKey] = new JObject { ["step"] = 3 } });
        Assert.Equal(3, (await Store.ReadEntryAsync(ConversationKey))!.Value.Value<int>("step"));
    }

    [Fact]
    public async Task A_batch_with_one_conflict_writes_nothing()
    {
        var userETag = await Store.WriteIfMatchAsync(UserKey, new JObject { ["naam"] = "Anna" }, eTag: null);
        await Store.WriteIfMatchAsync(UserKey, new JObject { ["naam"] = "Bram" }, userETag);

        await Assert.ThrowsAsync<StorageConflictException>(() => Store.WriteAsync(new Dictionary<string, object>
        {
            [ConversationKey] = new JObject { ["step"] = 1 },
            [UserKey] = new JObject { ["naam"] = "Carla", ["eTag"] = userETag },
        }));

        Assert.Null(await Store.ReadEntryAsync(ConversationKey));
        Assert.Equal("Bram", (await Store.ReadEntryAsync(UserKey))!.Value.Value<string>("naam"));
    }

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }

        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    private SqliteStateStorage Open(string path, TimeProvider clock, StateExpiryPolicy expiry)
    {
        var store = new SqliteStateStorage(path, expiry, clock, busyTimeout: TimeSpan.FromSeconds(1));
        _stores.Add(store);
        return store;
    }

    private static string RawConnectionString(string path, SqliteOpenMode mode)
        => new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString();
}
