using System.Net;
using Azure;
using Azure.Storage.Blobs;
using B12Bot.Storage;
using Microsoft.Data.Sqlite;
using Newtonsoft.Json.Linq;

namespace B12Bot.Tests.State;

/// <summary>
/// Looks straight into the bot's store, past the bot and past the store class's own reading rules (an expired
/// entry that was not purged yet is still seen here): the rows of the SQLite file, or the blobs of the container.
/// </summary>
public abstract class StoredState
{
    /// <summary>The bot's settings that point it at this store.</summary>
    public abstract string[] BotSettings { get; }

    /// <summary>The stored JSON of a key exactly as it lies in the store, or null when there is none.</summary>
    public abstract Task<JObject?> ReadRawAsync(string key);

    /// <summary>The same store through the bot's own store class (for writing test data the bot then finds).</summary>
    public abstract IConcurrencyAwareStorage OpenStore();

    public async Task<bool> ExistsAsync(string key) => await ReadRawAsync(key) is not null;

    /// <summary>Stores a value under a key through the bot's own store class, as the bot would have.</summary>
    public async Task WriteAsync(string key, JObject value)
    {
        var store = OpenStore();
        try
        {
            await store.WriteIfMatchAsync(key, value, "*");
        }
        finally
        {
            (store as IDisposable)?.Dispose();
        }
    }

    /// <summary>The bot's key for a conversation's state.</summary>
    public static string ConversationKey(string conversationId, string channelId = "webchat") => StateKeys.Conversation(channelId, conversationId);

    /// <summary>The bot's key for a person's state.</summary>
    public static string UserKey(string userId, string channelId = "webchat") => StateKeys.User(channelId, userId);

    /// <summary>
    /// The walkthrough's recorded answers in a stored conversation state: (question id, option ids) in the order
    /// given; null when no walkthrough is on the dialog stack.
    /// </summary>
    public static IReadOnlyList<(string Question, IReadOnlyList<string> Options)>? WalkthroughAnswers(JObject? conversationState)
    {
        // The walkthrough's progress travels in the options of its questions, somewhere inside the root dialog.
        var progress = conversationState?["DialogState"]?.SelectTokens("$..options").OfType<JObject>()
            .FirstOrDefault(o => o.GetValue("steps", StringComparison.OrdinalIgnoreCase) is JArray);
        if (progress is null)
        {
            return null;
        }

        var steps = progress.GetValue("steps", StringComparison.OrdinalIgnoreCase) as JArray ?? [];
        return steps.OfType<JObject>()
            .Select(step => (
                (string?)step.GetValue("question", StringComparison.OrdinalIgnoreCase) ?? string.Empty,
                (IReadOnlyList<string>)((step.GetValue("options", StringComparison.OrdinalIgnoreCase) as JArray ?? [])
                    .Select(o => (string?)o ?? string.Empty).ToList())))
            .ToList();
    }

    /// <summary>How many dialogs are on the stored dialog stack (0 when none is active).</summary>
    public static int DialogDepth(JObject? conversationState) =>
        (conversationState?["DialogState"]?["dialogStack"] as JArray)?.Count ?? 0;
}

/// <summary>A SQLite state file in a temporary folder of its own.</summary>
public sealed class SqliteStoredState : StoredState, IDisposable
{
    private readonly string _folder;

    public SqliteStoredState()
    {
        _folder = Directory.CreateTempSubdirectory("b12bot-state-").FullName;
        Path = System.IO.Path.Combine(_folder, "state.db");
    }

    public string Path { get; }

    public override string[] BotSettings => ["Storage:Kind=Sqlite", "Storage:Sqlite:Path=" + Path];

    public override async Task<JObject?> ReadRawAsync(string key)
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = 10,
        }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM bot_state WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        try
        {
            return await command.ExecuteScalarAsync() is string json ? JObject.Parse(json) : null;
        }
        catch (SqliteException ex) when (ex.Message.Contains("no such table", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
    }

    public override IConcurrencyAwareStorage OpenStore() => new SqliteStateStorage(Path);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}

/// <summary>A blob container of its own on Azurite.</summary>
public sealed class BlobStoredState(string connectionString) : StoredState
{
    public string ContainerName { get; } = Storage.AzuriteFixture.NewContainerName();

    public override string[] BotSettings =>
        ["Storage:Kind=AzureBlobs", "Storage:AzureBlobs:ConnectionString=" + connectionString, "Storage:AzureBlobs:ContainerName=" + ContainerName];

    public override async Task<JObject?> ReadRawAsync(string key)
    {
        var blob = new BlobContainerClient(connectionString, ContainerName).GetBlobClient(BlobStateStorage.BlobNameFor(key));
        try
        {
            var content = await blob.DownloadContentAsync();
            return JObject.Parse(content.Value.Content.ToString());
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public override IConcurrencyAwareStorage OpenStore() =>
        new BlobStateStorage(new AzureBlobsStorageOptions { ConnectionString = connectionString, ContainerName = ContainerName });
}
