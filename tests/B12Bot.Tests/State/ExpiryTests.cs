using B12Bot.Storage;
using B12Bot.Tests.Testing;
using Microsoft.Extensions.Time.Testing;

namespace B12Bot.Tests.State;

/// <summary>
/// Conversation state does not outlive its time to live: the bot over HTTP on a SQLite file, with a clock the test
/// moves, removes a conversation from the file by itself when its purge timer comes round after the lifetime, and
/// the person then starts afresh. Nothing waits for real time to pass.
/// </summary>
public sealed class ExpiryTests
{
    [Fact]
    public async Task An_expired_conversation_is_purged_from_the_store_and_the_walkthrough_starts_afresh()
    {
        using var store = new SqliteStoredState();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero));
        var settings = store.BotSettings.Select(s => s.Split('=', 2)).ToDictionary(s => s[0], s => (string?)s[1], StringComparer.Ordinal);
        settings["Storage:ConversationTtl"] = "2.00:00:00";
        settings["Storage:PurgeInterval"] = "01:00:00";
        await using var bot = new LiveBotFactory("Production", settings, clock);
        using var client = bot.CreateHttpClient();
        var script = WalkthroughScript.Load();
        var chat = new Chat("expiry");

        var reply = await chat.SayAsync(client, WalkthroughScript.Start);
        reply = await chat.SayAsync(client, script.Choose(reply, new Dictionary<string, string> { ["dieet"] = "Veganistisch" }));
        Assert.Same(script.QuestionAt(1), script.Asked(reply));
        Assert.True(await store.ExistsAsync(chat.ConversationKey), "The conversation was not stored at all.");

        // A day later the purge timer comes round and keeps it; two more days and the next tick deletes it.
        clock.Advance(TimeSpan.FromDays(1));
        Assert.True(await store.ExistsAsync(chat.ConversationKey), "The conversation was purged before its time.");
        var purged = bot.WhenLogged(e => e.Category == typeof(StateExpiryService).FullName && e.Message.StartsWith("Purged", StringComparison.Ordinal));
        clock.Advance(TimeSpan.FromDays(2));
        await purged.WaitAsync(TimeSpan.FromSeconds(30));

        // Read from the file itself (not through the bot, which would hide an expired row that is still there).
        Assert.False(await store.ExistsAsync(chat.ConversationKey), "The expired conversation is still stored.");

        // The person is not met with a half-finished walkthrough: asking again opens it from the start.
        var fresh = await chat.SayAsync(client, WalkthroughScript.Start);
        Assert.Contains(script.Rules.Intro, fresh.Texts);
        Assert.Same(script.QuestionAt(0), script.Asked(fresh));
        Assert.Empty(bot.Logs.Errors);
    }
}
