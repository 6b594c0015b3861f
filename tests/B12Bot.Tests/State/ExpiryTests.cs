using System.Diagnostics;
using Xunit.Abstractions;

namespace B12Bot.Tests.State;

/// <summary>
/// Conversation state does not outlive its time to live: a bot process started with a two-second lifetime and
/// a one-second purge removes a conversation from the SQLite file by itself, and the person then starts afresh.
/// </summary>
public sealed class ExpiryTests(ITestOutputHelper output)
{
    /// <summary>The most the purge may take to come round (many times the configured lifetime plus interval).</summary>
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task An_expired_conversation_is_purged_from_the_store_and_the_walkthrough_starts_afresh()
    {
        using var store = new SqliteStoredState();
        var script = WalkthroughScript.Load();
        await using var bot = await BotProcess.StartAsync(
            "expiry", [.. store.BotSettings, "Storage:ConversationTtl=00:00:02", "Storage:PurgeInterval=00:00:01"]);
        bot.ShowOutputTo = output;
        using var client = bot.CreateClient();
        var chat = new Chat("expiry");

        var reply = await chat.SayAsync(client, WalkthroughScript.Start);
        reply = await chat.SayAsync(client, script.Choose(reply, new Dictionary<string, string> { ["dieet"] = "Veganistisch" }));
        Assert.Same(script.QuestionAt(1), script.Asked(reply));
        Assert.True(await store.ExistsAsync(chat.ConversationKey), "The conversation was not stored at all.");

        // Poll the file itself (not the bot, which would hide an expired row that is still there) until the row is gone.
        var clock = Stopwatch.StartNew();
        while (await store.ExistsAsync(chat.ConversationKey))
        {
            Assert.True(clock.Elapsed < MaxWait, $"The expired conversation was still stored after {MaxWait.TotalSeconds} s.{Environment.NewLine}{bot.Output}");
            await Task.Delay(250);
        }

        Assert.Contains("Purged", await bot.SettledOutputAsync(), StringComparison.Ordinal);

        // The person is not met with a half-finished walkthrough: asking again opens it from the start.
        var fresh = await chat.SayAsync(client, WalkthroughScript.Start);
        Assert.Contains(script.Rules.Intro, fresh.Texts);
        Assert.Same(script.QuestionAt(0), script.Asked(fresh));
        await bot.AssertNothingFailedAsync();
    }
}
