using System.Net;
using B12Bot.Cards;
using Xunit.Abstractions;

namespace B12Bot.Tests.State;

/// <summary>
/// Many messages of one conversation posted at the same moment, on one instance (SQLite) or spread over two
/// instances sharing Azurite (where saves collide and a turn must run again on fresh state): every message is
/// answered, no answer is lost or counted twice, and nothing fails.
/// </summary>
[Collection(StateBotsGroup.Name)]
public sealed class ConcurrentTurnsTests(StateBotsFixture bots, ITestOutputHelper output)
{
    public const string OneInstance = "one instance on SQLite";
    public const string TwoInstances = "two instances sharing Azurite";

    /// <summary>Bursts per test: whether saves collide depends on timing, so the proof is repeated.</summary>
    private const int Rounds = 3;

    public static TheoryData<string> Setups => new() { OneInstance, TwoInstances };

    [Theory]
    [MemberData(nameof(Setups))]
    public async Task Twenty_answers_at_once_are_each_answered_and_the_walkthrough_ends_exactly_once(string setup)
    {
        var (processes, store) = Pick(setup);
        var marks = processes.Select(p => p.Mark()).ToList();
        var clients = processes.Select(p => p.CreateClient()).ToList();
        try
        {
            for (var round = 1; round <= Rounds; round++)
            {
                await BurstAsync(clients, store, round);
            }

            ReportConflicts(processes);
            for (var i = 0; i < processes.Count; i++)
            {
                await processes[i].AssertNothingFailedAsync(marks[i]);
            }
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    [Theory]
    [MemberData(nameof(Setups))]
    public async Task Answers_posted_at_once_are_all_in_the_stored_state(string setup)
    {
        var (processes, store) = Pick(setup);
        var marks = processes.Select(p => p.Mark()).ToList();
        var clients = processes.Select(p => p.CreateClient()).ToList();
        try
        {
            var script = bots.Script;
            var questions = script.Rules.Questions;
            var chat = new Chat("stored");
            await chat.SayAsync(clients[0], WalkthroughScript.Start);

            // One answer fewer than there are questions, all at once: the walkthrough must still be waiting after them.
            var count = questions.Count - 1;
            var results = await Task.WhenAll(Enumerable.Range(0, count).Select(i => chat.PostAsync(clients[i % clients.Count], script.DontKnow)));
            Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.Status));
            Assert.Equal(
                questions.Skip(1).Take(count).Select(q => q.Id).Order(StringComparer.Ordinal),
                results.Select(r => script.Asked(r.Reply)?.Id ?? "(no question: " + r.Reply.AllText + ")").Order(StringComparer.Ordinal));

            // Straight from the store: one answer per question, in the order they are asked, each "weet ik niet".
            var answers = StoredState.WalkthroughAnswers(await store.ReadRawAsync(chat.ConversationKey));
            Assert.NotNull(answers);
            Assert.Equal(questions.Take(count).Select(q => q.Id), answers.Select(a => a.Question));
            Assert.All(answers, a => Assert.Equal([script.Rules.DontKnow.Id], a.Options));

            // And the one question left is the one asked next.
            var next = await chat.SayAsync(clients[^1], "help");
            Assert.Same(questions[^1], script.Asked(next));

            ReportConflicts(processes);
            for (var i = 0; i < processes.Count; i++)
            {
                await processes[i].AssertNothingFailedAsync(marks[i]);
            }
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    /// <summary>One conversation: the walkthrough started, then twenty "weet ik niet" posted at the same moment.</summary>
    private async Task BurstAsync(List<HttpClient> clients, StoredState store, int round)
    {
        var script = bots.Script;
        var chat = new Chat("burst" + round);
        var first = await chat.SayAsync(clients[0], WalkthroughScript.Start);
        Assert.Same(script.QuestionAt(0), script.Asked(first));

        // "Weet ik niet" answers every question; 20 is more than there are questions.
        var posts = Enumerable.Range(0, 20).Select(i => chat.PostAsync(clients[i % clients.Count], script.DontKnow));
        var results = await Task.WhenAll(posts);

        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.All(results, r => Assert.NotEmpty(r.Reply.Messages));
        var apologies = results.Where(r => r.Reply.Texts.Contains(Replies.TurnFailed) || r.Reply.Texts.Contains(Replies.StorageDown)).ToList();
        Assert.True(apologies.Count == 0, $"Round {round}: {apologies.Count} of 20 turns were not done but apologised for: {apologies.Select(r => r.Reply.AllText).FirstOrDefault()}");

        // The answers were taken one after another, none lost and none twice: each later question was asked
        // exactly once, and exactly one turn brought the ending.
        var asked = results.Select(r => script.Asked(r.Reply)?.Id).OfType<string>().Order(StringComparer.Ordinal);
        var expected = script.Rules.Questions.Skip(1).Select(q => q.Id).Order(StringComparer.Ordinal);
        Assert.Equal(expected, asked);
        var endings = results.Where(r => script.IsEnding(r.Reply)).ToList();
        Assert.Single(endings);

        // All answers were "weet ik niet", so the result is that no cause clearly fits.
        Assert.Contains(script.Rules.Ending.NothingFits.Text, endings[0].Reply.AllText, StringComparison.Ordinal);
        Assert.Equal(script.Rules.Ending.NothingFits.Entry, endings[0].Reply.CitedIds[0]);

        // The stored state is that of a finished walkthrough: no dialog is left waiting.
        var state = await store.ReadRawAsync(chat.ConversationKey);
        Assert.NotNull(state);
        Assert.Equal(0, StoredState.DialogDepth(state));
    }

    private (IReadOnlyList<BotProcess> Processes, StoredState Store) Pick(string setup) => setup switch
    {
        OneInstance => ([bots.Solo], bots.SoloStore),
        TwoInstances => ([bots.A, bots.B], bots.SharedStore),
        _ => throw new ArgumentOutOfRangeException(nameof(setup), setup, "Unknown setup."),
    };

    /// <summary>How often a turn ran again after another instance saved first (shown, not asserted: it depends on timing).</summary>
    private void ReportConflicts(IEnumerable<BotProcess> processes)
    {
        foreach (var process in processes)
        {
            var conflicts = process.Output.Split('\n').Count(l => l.Contains("running the turn again", StringComparison.Ordinal));
            output.WriteLine($"bot {process.Name}: {conflicts} turn(s) run again after a conflict so far");
        }
    }
}
