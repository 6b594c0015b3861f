namespace B12Bot.Knowledge.CauseFinder;

/// <summary>
/// Where a person is in the walkthrough: the answers given so far, one step per question asked (a question
/// that allows more than one answer may take several steps: the first answer, then follow-ups). Plain
/// settable properties so that it round-trips through JSON in dialog state; the rules give it meaning.
/// </summary>
public sealed class CauseFinderProgress
{
    /// <summary>The opening sentence has been sent.</summary>
    public bool IntroShown { get; set; }

    /// <summary>The urgent red-flag advice has been sent (it is sent once per walkthrough).</summary>
    public bool UrgentShown { get; set; }

    /// <summary>The answers so far, in the order given.</summary>
    public List<AnsweredStep> Steps { get; set; } = [];

    /// <summary>What to ask now, or null when every question has been answered.</summary>
    public NextQuestion? Next(CauseFinderRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);

        if (Steps.Count > 0)
        {
            var last = Steps[^1];
            var question = rules.FindQuestion(last.Question);
            if (question is { Multiple: true } && last.Options.Count > 0 && last.Options.All(id => IsOwn(question, id)))
            {
                var chosen = ChosenFor(question.Id);
                var remaining = question.OwnOptions.Where(o => !o.Exclusive && !chosen.Contains(o.Id)).ToList();
                if (remaining.Count > 0)
                {
                    return new NextQuestion(question, IsFollowUp: true, [.. remaining, rules.Done, rules.DontKnow]);
                }
            }
        }

        var next = rules.Questions.FirstOrDefault(q => !Steps.Any(s => string.Equals(s.Question, q.Id, StringComparison.Ordinal)));
        return next is null ? null : new NextQuestion(next, IsFollowUp: false, next.Options);
    }

    /// <summary>Records the options chosen for a question (ids; the follow-up's "verder niets" included).</summary>
    public void Record(string questionId, IEnumerable<string> optionIds)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(questionId);
        ArgumentNullException.ThrowIfNull(optionIds);
        Steps.Add(new AnsweredStep { Question = questionId, Options = optionIds.Distinct(StringComparer.Ordinal).ToList() });
    }

    /// <summary>Forgets the last answer, keeping earlier ones. False when there was none.</summary>
    public bool Back()
    {
        if (Steps.Count == 0)
        {
            return false;
        }

        Steps.RemoveAt(Steps.Count - 1);
        return true;
    }

    /// <summary>Question id → the options chosen for it (the follow-up's "verder niets" left out).</summary>
    public IReadOnlyDictionary<string, IReadOnlyCollection<string>> Answers(CauseFinderRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var answers = new Dictionary<string, IReadOnlyCollection<string>>(StringComparer.Ordinal);
        foreach (var group in Steps.GroupBy(s => s.Question, StringComparer.Ordinal))
        {
            answers[group.Key] = group
                .SelectMany(s => s.Options)
                .Where(id => !string.Equals(id, rules.Done.Id, StringComparison.Ordinal))
                .Distinct(StringComparer.Ordinal)
                .ToList();
        }

        return answers;
    }

    private HashSet<string> ChosenFor(string questionId) =>
        Steps.Where(s => string.Equals(s.Question, questionId, StringComparison.Ordinal))
            .SelectMany(s => s.Options)
            .ToHashSet(StringComparer.Ordinal);

    private static bool IsOwn(Question question, string optionId) =>
        question.FindOption(optionId) is { Exclusive: false };
}

/// <summary>One answer: the question and the option ids chosen.</summary>
public sealed class AnsweredStep
{
    public string Question { get; set; } = string.Empty;

    public List<string> Options { get; set; } = [];
}

/// <summary>The question to ask now and the options to offer (for a follow-up: what is left, "verder niets", "weet ik niet").</summary>
public sealed record NextQuestion(Question Question, bool IsFollowUp, IReadOnlyList<AnswerOption> Offered)
{
    /// <summary>The text to show: the question, or its follow-up.</summary>
    public string Text => IsFollowUp ? Question.FollowUp ?? Question.Text : Question.Text;

    /// <summary>True when several offered options may be named at once.</summary>
    public bool Multiple => Question.Multiple;
}
