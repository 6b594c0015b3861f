using System.Net;
using B12Bot.Cards;
using B12Bot.Tests.Storage;
using Xunit.Abstractions;

namespace B12Bot.Tests.State;

/// <summary>
/// Azurite is stopped in the middle of a walkthrough and started again, under a running bot process:
/// questions that need no state are still answered with their source, a walkthrough turn gets the polite
/// "probeer het zo nog eens", and the walkthrough carries on where it was once storage is back.
/// </summary>
public sealed class StorageOutageTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    /// <summary>Free questions asked while storage is down (own wording), each answerable from the knowledge.</summary>
    private static readonly string[] FreeQuestions =
    [
        "In welk eten zit veel vitamine B12?",
        "Hoe wordt een tekort aan B12 behandeld?",
        "Met welk bloedonderzoek stelt de arts een tekort vast?",
    ];

    /// <summary>Turns that may still meet storage starting up again before the walkthrough goes on.</summary>
    private const int MaxAttemptsAfterRestart = 10;

    [Fact]
    public async Task Storage_down_answers_free_questions_asks_to_retry_walkthrough_turns_and_recovers()
    {
        var store = new BlobStoredState(azurite.ConnectionString);
        var script = WalkthroughScript.Load();
        var questions = script.Rules.Questions;
        var choices = new Dictionary<string, string> { ["dieet"] = "Veganistisch" };
        await using var bot = await BotProcess.StartAsync("outage", store.BotSettings);
        bot.ShowOutputTo = output;
        using var client = bot.CreateClient();

        // Before the outage: a walkthrough two answers in, and another conversation with questions only.
        var walk = new Chat("outage-walk");
        var reply = await walk.SayAsync(client, WalkthroughScript.Start);
        reply = await walk.SayAsync(client, script.Choose(reply, choices));
        reply = await walk.SayAsync(client, script.Choose(reply, choices));
        Assert.Same(questions[2], script.Asked(reply));
        var pending = script.Choose(reply, choices);

        var asker = new Chat("outage-ask");
        var before = await asker.SayAsync(client, FreeQuestions[0]);
        Assert.NotEmpty(before.CitedIds);

        await azurite.StopAsync();
        try
        {
            foreach (var question in FreeQuestions)
            {
                var (status, answer) = await asker.PostAsync(client, question);
                Assert.Equal(HttpStatusCode.OK, status);
                Assert.True(answer.CitedIds.Count > 0, $"'{question}' was not answered from the knowledge while storage was down: {answer.AllText}");
                Assert.DoesNotContain(Replies.StorageDown, answer.Texts);
            }

            var (walkStatus, walkReply) = await walk.PostAsync(client, pending);
            Assert.Equal(HttpStatusCode.OK, walkStatus);
            Assert.Equal([Replies.StorageDown], walkReply.Texts);
        }
        finally
        {
            await azurite.StartAsync();
        }

        // Storage is back: the same answer now goes to question three, and the walkthrough asks question four.
        var resumed = await walk.SayAsync(client, pending);
        for (var attempt = 1; attempt < MaxAttemptsAfterRestart && resumed.Texts.SequenceEqual([Replies.StorageDown]); attempt++)
        {
            await Task.Delay(200);
            resumed = await walk.SayAsync(client, pending);
        }

        Assert.Same(questions[3], script.Asked(resumed));
        var rest = await script.FinishAsync(walk, resumed, choices, _ => client);
        Assert.Contains("faq-02", rest[^1].CitedIds);
        var stored = StoredState.WalkthroughAnswers(await store.ReadRawAsync(walk.ConversationKey));
        Assert.Null(stored);

        // The other conversation goes on as before.
        var after = await asker.SayAsync(client, FreeQuestions[1]);
        Assert.NotEmpty(after.CitedIds);

        // The outage was logged as a warning, never as an error; and nothing crashed.
        Assert.Contains("Storage unavailable", await bot.SettledOutputAsync(), StringComparison.Ordinal);
        await bot.AssertNoErrorsLoggedAsync();
        Assert.True(bot.IsRunning, $"The bot process stopped:{Environment.NewLine}{bot.Output}");
    }
}
