using System.Net;
using System.Text;
using B12Bot.Tests.DirectLine;
using Microsoft.Data.Sqlite;
using Newtonsoft.Json.Linq;

namespace B12Bot.Tests.Privacy;

/// <summary>
/// "Vergeet mij" in Web Chat, as a privacy auditor checks it end to end: a person tells the walkthrough about their
/// operation and conditions through the self-hosted Direct Line, with the state in SQLite on disk; after "vergeet mij"
/// the transcript is gone and a byte scan of the database, its <c>-wal</c> and its <c>-shm</c> file finds none of the
/// answers and not the conversation id.
/// </summary>
public sealed class DirectLineDeletedFromDiskTests : IDisposable
{
    /// <summary>What the person tells in one sentence, and the option ids the walkthrough stores for it.</summary>
    private const string Story = "Waarom is mijn B12 laag? Ik heb een gastric bypass gehad en ik heb coeliakie en lupus.";

    private static readonly string[] Stored = ["gastric-bypass", "coeliakie", "lupus"];

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("b12bot-dlscan-");

    private string DatabasePath => Path.Combine(_root.FullName, "state", "b12bot.db");

    [Fact]
    public async Task After_forget_me_in_the_chat_neither_the_transcript_nor_the_database_files_keep_the_answers_or_the_conversation_id()
    {
        using var site = new SqliteDirectLineSite(DatabasePath);
        using var http = site.Http();
        var client = new DirectLineClient(http);
        var (_, issued) = await client.PageTokenAsync();
        var (started, conversation) = await client.StartAsync((string)issued["token"]!);
        Assert.Equal(HttpStatusCode.Created, started);
        var id = (string)conversation["conversationId"]!;
        var token = (string)conversation["token"]!;
        var (_, watermark) = await client.WaitForAsync(id, token, DirectLineClient.IsBotMessage);

        (_, watermark) = await SayAsync(client, id, token, Story, watermark);
        AssertOnDisk(id, present: true);

        var (forgetStatus, forget) = await client.PostAsync(id, token, DirectLineClient.Message("vergeet mij", "forget"));
        Assert.Equal(HttpStatusCode.OK, forgetStatus);
        var (farewell, after) = await client.WaitForAsync(id, token, a => DirectLineClient.IsBotMessage(a) && (string?)a["replyToId"] == (string?)forget["id"], watermark);

        // The next poll, as Web Chat makes it, finds the conversation gone; so does reading it from the start.
        Assert.StartsWith("Ik heb verwijderd", (string?)farewell["text"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(id, token, after)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(id, token)).Status);
        AssertOnDisk(id, present: false);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _root.Delete(recursive: true);
    }

    private static async Task<(JObject Reply, string Watermark)> SayAsync(DirectLineClient client, string id, string token, string text, string watermark)
    {
        var (status, posted) = await client.PostAsync(id, token, DirectLineClient.Message(text, Guid.NewGuid().ToString("N")));
        Assert.Equal(HttpStatusCode.OK, status);
        return await client.WaitForAsync(id, token, a => DirectLineClient.IsBotMessage(a) && (string?)a["replyToId"] == (string?)posted["id"], watermark);
    }

    private void AssertOnDisk(string conversationId, bool present)
    {
        var bytes = ReadAll();
        foreach (var needle in Stored.Append(conversationId))
        {
            var found = bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0;
            Assert.True(found == present, present
                ? $"'{needle}' is not in the files before \"vergeet mij\", so the scan proves nothing."
                : $"'{needle}' is still in the database files after \"vergeet mij\".");
        }
    }

    /// <summary>The database, its write-ahead log and its shared-memory index, as they lie on disk now.</summary>
    private byte[] ReadAll()
    {
        using var all = new MemoryStream();
        foreach (var file in new[] { DatabasePath, DatabasePath + "-wal", DatabasePath + "-shm" }.Where(File.Exists))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            stream.CopyTo(all);
        }

        return all.ToArray();
    }

    /// <summary>The Direct Line test site with its bot state in SQLite on disk.</summary>
    private sealed class SqliteDirectLineSite(string databasePath) : DirectLineSite(new Dictionary<string, string?>
    {
        ["Storage:Kind"] = "Sqlite",
        ["Storage:Sqlite:Path"] = databasePath,
    });
}
