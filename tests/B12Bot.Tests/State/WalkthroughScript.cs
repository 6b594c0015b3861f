using B12Bot.Cards;
using B12Bot.Knowledge.CauseFinder;

namespace B12Bot.Tests.State;

/// <summary>
/// Drives the cause-finder as a person does, by its buttons only, reading the questions from the same
/// <c>causefinder.json</c> the built bot uses (so the tests know which question is asked, in which order).
/// </summary>
public sealed class WalkthroughScript
{
    /// <summary>More turns than this without reaching the ending is a failure.</summary>
    public const int MaxTurns = 40;

    private WalkthroughScript(CauseFinderRules rules) => Rules = rules;

    public static WalkthroughScript Load() =>
        new(CauseFinderLoader.Load(Path.Combine(BotProcess.AppFolder, "knowledge", "causefinder.json"), knownEntryIds: null));

    public CauseFinderRules Rules { get; }

    /// <summary>What starts the walkthrough (the welcome's button).</summary>
    public static string Start => Replies.StartWalkthrough;

    public string DontKnow => Rules.DontKnow.Title;

    public Question QuestionAt(int index) => Rules.Questions[index];

    /// <summary>The question a reply asks (by its main text), or null when it asks none of them.</summary>
    public Question? Asked(Reply reply) => reply.Prompt is { } prompt
        ? Rules.Questions.FirstOrDefault(q => string.Equals(q.Text, prompt, StringComparison.Ordinal))
        : null;

    /// <summary>True when the reply is the walkthrough's ending (its closing reminder that only a GP can diagnose).</summary>
    public bool IsEnding(Reply reply) => reply.Texts.Any(t => t.Contains(Rules.Ending.GpReminder, StringComparison.Ordinal));

    /// <summary>
    /// The button to press: the choice for the question asked (question id → button title), else the
    /// question's own "no"/neutral answer; on a follow-up ("… daarnaast nog …?") "verder niets".
    /// </summary>
    public string Choose(Reply reply, IReadOnlyDictionary<string, string> choices)
    {
        var buttons = reply.Buttons;
        Assert.True(buttons.Count > 0, $"A walkthrough question came without buttons: {reply.AllText}");
        if (buttons.Contains(B12Bot.Dialogs.CauseFinderPrompt.ConfirmTitle))
        {
            // The review of the answers before the result.
            return B12Bot.Dialogs.CauseFinderPrompt.ConfirmTitle;
        }

        var prompt = reply.Prompt ?? string.Empty;
        var question = Rules.Questions.FirstOrDefault(q => string.Equals(q.Text, prompt, StringComparison.Ordinal));
        if (question is null)
        {
            var followUp = Rules.Questions.Any(q => string.Equals(q.FollowUp, prompt, StringComparison.Ordinal));
            Assert.True(followUp, $"The prompt is no question of the walkthrough: '{prompt}'");
            Assert.Contains(Rules.Done.Title, buttons);
            return Rules.Done.Title;
        }

        if (choices.TryGetValue(question.Id, out var chosen))
        {
            Assert.Contains(chosen, buttons);
            return chosen;
        }

        var neutral = question.OwnOptions.First(o => o.Exclusive).Title;
        Assert.Contains(neutral, buttons);
        return neutral;
    }

    /// <summary>
    /// Answers by buttons from <paramref name="current"/> until the ending, sending turn n to
    /// <paramref name="clientForTurn"/>(n); returns every reply, the ending last.
    /// </summary>
    public async Task<IReadOnlyList<Reply>> FinishAsync(
        Chat chat, Reply current, IReadOnlyDictionary<string, string> choices, Func<int, HttpClient> clientForTurn, int firstTurn = 0)
    {
        var replies = new List<Reply>();
        for (var turn = firstTurn; !IsEnding(current); turn++)
        {
            Assert.True(turn - firstTurn < MaxTurns, $"No ending after {MaxTurns} answers; last reply: {current.AllText}");
            current = await chat.SayAsync(clientForTurn(turn), Choose(current, choices));
            replies.Add(current);
        }

        return replies;
    }
}
