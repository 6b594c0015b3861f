using B12Bot.Tests.Storage;
using Xunit.Abstractions;

namespace B12Bot.Tests.State;

/// <summary>
/// The bot process is killed in the middle of a walkthrough (no shutdown, like a crash) and a new process is
/// started on the same storage: the person carries on at the next question with every earlier answer kept.
/// </summary>
public sealed class RestartDurabilityTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    public const string Sqlite = "Sqlite";
    public const string AzureBlobs = "AzureBlobs";

    /// <summary>The first three questions' answers: two that point to a cause, one "no".</summary>
    private static readonly Dictionary<string, string> Choices = new()
    {
        ["dieet"] = "Veganistisch",
        ["leeftijd"] = "65 jaar of ouder",
    };

    public static TheoryData<string> Stores => new() { Sqlite, AzureBlobs };

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Killed_after_three_answers_a_new_process_asks_question_four_and_the_result_keeps_the_answers(string kind)
    {
        using var sqlite = kind == Sqlite ? new SqliteStoredState() : null;
        StoredState store = sqlite ?? (StoredState)new BlobStoredState(azurite.ConnectionString);
        var script = WalkthroughScript.Load();
        var questions = script.Rules.Questions;
        var chat = new Chat("restart");

        await using var bot = await BotProcess.StartAsync("restart-" + kind, store.BotSettings);
        bot.ShowOutputTo = output;
        using (var client = bot.CreateClient())
        {
            var reply = await chat.SayAsync(client, WalkthroughScript.Start);
            Assert.Same(questions[0], script.Asked(reply));
            for (var answered = 1; answered <= 3; answered++)
            {
                reply = await chat.SayAsync(client, script.Choose(reply, Choices));
                Assert.Same(questions[answered], script.Asked(reply));
            }
        }

        await bot.KillAsync();

        // What the killed process left in the store: exactly the three answers given.
        var stored = StoredState.WalkthroughAnswers(await store.ReadRawAsync(chat.ConversationKey));
        Assert.NotNull(stored);
        Assert.Equal(
            [("dieet", "veganistisch"), ("leeftijd", "65-plus"), ("operatie", questions[2].OwnOptions.First(o => o.Exclusive).Id)],
            stored.Select(a => (a.Question, Assert.Single(a.Options))));

        // A new process on the same storage: the next message continues at question four.
        await bot.StartAsync();
        using (var client = bot.CreateClient())
        {
            var help = await chat.SayAsync(client, "help");
            Assert.Same(questions[3], script.Asked(help));
            Assert.Contains(questions[3].Help, help.AllText, StringComparison.Ordinal);

            var rest = await script.FinishAsync(chat, help, Choices, _ => client);

            // Only four to nine were asked after the restart, each once: nothing was asked again.
            var askedAfterRestart = rest.Select(script.Asked).OfType<B12Bot.Knowledge.CauseFinder.Question>().Select(q => q.Id);
            Assert.Equal(questions.Skip(4).Select(q => q.Id), askedAfterRestart);

            // The result rests on the answers given before the kill: a vegan diet (faq-02) and age (faq-08).
            var ending = rest[^1];
            var causes = ending.Messages.First(m => ((string?)m["text"] ?? string.Empty).StartsWith(script.Rules.Ending.ResultIntro, StringComparison.Ordinal));
            Assert.Equal(["faq-02", "faq-08"], new Reply([causes]).CitedIds.Order(StringComparer.Ordinal));
            Assert.Contains(questions[0].FindOption("veganistisch")!.Phrase, (string?)causes["text"], StringComparison.Ordinal);
            Assert.Contains(questions[1].FindOption("65-plus")!.Phrase, (string?)causes["text"], StringComparison.Ordinal);
        }

        await bot.AssertNothingFailedAsync();
    }
}
