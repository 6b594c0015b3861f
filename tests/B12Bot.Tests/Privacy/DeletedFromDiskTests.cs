using System.Text;
using B12Bot.Storage;
using B12Bot.Tests.State;
using B12Bot.Tests.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace B12Bot.Tests.Privacy;

/// <summary>
/// Deleted means gone from the disk: after "vergeet mij" (and after the purge of an expired conversation) a byte
/// scan of the SQLite database and its <c>-wal</c> and <c>-shm</c> files finds none of the walkthrough's answers
/// and not the conversation id, no freed page and no log frame kept them; the files are the owner's alone.
/// </summary>
public sealed class DeletedFromDiskTests : IDisposable
{
    /// <summary>What the walkthrough is told (operation, bowel disease, auto-immune disease): health data.</summary>
    private static readonly Dictionary<string, string> Told = new(StringComparer.Ordinal)
    {
        ["operatie"] = "gastric-bypass",
        ["darmziekte"] = "coeliakie",
        ["auto-immuun"] = "lupus",
    };

    private static readonly DateTimeOffset Start = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("b12bot-scan-");
    private readonly WalkthroughScript _script = WalkthroughScript.Load();

    private string Folder => Path.Combine(_root.FullName, "state");

    private string DatabasePath => Path.Combine(Folder, "b12bot.db");

    private string[] Files => [DatabasePath, DatabasePath + "-wal", DatabasePath + "-shm"];

    [Fact]
    public async Task After_forget_me_no_answer_and_no_conversation_id_is_left_in_the_database_or_its_wal_and_shm_files()
    {
        await using var bot = Bot(new FakeTimeProvider(Start));
        using var client = bot.CreateHttpClient();
        var chat = new Chat("scan");
        var other = new Chat("keep");

        await WalkAsync(client, chat, Told);
        var otherReply = await WalkAsync(client, other, new Dictionary<string, string>());
        AssertOnDisk(chat, present: true);

        var reply = await chat.SayAsync(client, "vergeet mij");

        Assert.StartsWith("Ik heb verwijderd", reply.Texts.Single(), StringComparison.Ordinal);
        Assert.Contains(B12Bot.Privacy.ForgetMe.BotStatePhrase, reply.Texts.Single(), StringComparison.Ordinal);
        AssertOnDisk(chat, present: false);

        // Only that person's data went: the other conversation (who answered "geen" throughout) goes on.
        Assert.True(ReadAll().AsSpan().IndexOf(Encoding.UTF8.GetBytes(other.ConversationId)) >= 0);
        var next = await other.SayAsync(client, _script.Choose(otherReply, new Dictionary<string, string>()));
        Assert.Equal("alcohol", _script.Asked(next)?.Id);
        AssertOwnerOnly();
    }

    [Fact]
    public async Task After_the_purge_of_an_expired_conversation_nothing_of_it_is_left_in_the_database_or_its_wal_and_shm_files()
    {
        var clock = new FakeTimeProvider(Start);
        await using var bot = Bot(clock);
        using var client = bot.CreateHttpClient();
        var chat = new Chat("expire");
        await WalkAsync(client, chat, Told);
        AssertOnDisk(chat, present: true);

        clock.Advance(TimeSpan.FromDays(31));
        var purge = bot.Services.GetServices<IHostedService>().OfType<StateExpiryService>().Single();
        await purge.PurgeOnceAsync(CancellationToken.None);

        AssertOnDisk(chat, present: false);
        AssertOwnerOnly();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _root.Delete(recursive: true);
    }

    private LiveBotFactory Bot(TimeProvider clock) => new(
        "Production",
        new Dictionary<string, string?>
        {
            ["Storage:Kind"] = "Sqlite",
            ["Storage:Sqlite:Path"] = DatabasePath,
        },
        clock);

    /// <summary>The walkthrough by its buttons until the question about medicines (question id → option id chosen).</summary>
    private async Task<Reply> WalkAsync(HttpClient client, Chat chat, Dictionary<string, string> told)
    {
        var choices = _script.Rules.Questions
            .Where(q => told.ContainsKey(q.Id))
            .ToDictionary(q => q.Id, q => q.OwnOptions.Single(o => o.Id == told[q.Id]).Title, StringComparer.Ordinal);
        var reply = await chat.SayAsync(client, WalkthroughScript.Start);
        for (var turn = 0; _script.Asked(reply)?.Id != "medicijnen"; turn++)
        {
            Assert.True(turn < WalkthroughScript.MaxTurns, $"The medicines question never came: {reply.AllText}");
            reply = await chat.SayAsync(client, _script.Choose(reply, choices));
        }

        return reply;
    }

    private void AssertOnDisk(Chat chat, bool present)
    {
        var bytes = ReadAll();
        foreach (var needle in Told.Values.Append(chat.ConversationId))
        {
            var found = bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0;
            Assert.True(found == present, present
                ? $"'{needle}' is not in the files before the deletion, so the scan proves nothing."
                : $"'{needle}' is still in the database files after the deletion.");
        }
    }

    /// <summary>The database, its write-ahead log and its shared-memory index, as they lie on disk now.</summary>
    private byte[] ReadAll()
    {
        using var all = new MemoryStream();
        foreach (var file in Files.Where(File.Exists))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            stream.CopyTo(all);
        }

        return all.ToArray();
    }

    private void AssertOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Folder));
        Assert.True(File.Exists(DatabasePath));
        foreach (var file in Files.Where(File.Exists))
        {
            Assert.True(File.GetUnixFileMode(file) == (UnixFileMode.UserRead | UnixFileMode.UserWrite), $"{Path.GetFileName(file)} is {File.GetUnixFileMode(file)}");
        }
    }
}
