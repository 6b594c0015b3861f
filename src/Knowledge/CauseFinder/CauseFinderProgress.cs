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

    /// <summary>The answers were shown for review and confirmed: the result may follow.</summary>
    public bool Reviewed { get; set; }

    /// <summary>
    /// What to ask now, or null when nothing is left that could change the result. Questions are taken in order:
    /// one not yet answered is asked unless none of its answers could change the result (the causes that fit, their
    /// order, or the urgent advice); a question that allows more than one answer gets a follow-up offering only the
    /// answers left that could still change it.
    /// </summary>
    public NextQuestion? Next(CauseFinderRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var answers = Answers(rules);
        var now = new Fitting(rules, answers);
        foreach (var question in rules.Questions)
        {
            var steps = Steps.Where(s => string.Equals(s.Question, question.Id, StringComparison.Ordinal)).ToList();
            if (steps.Count == 0)
            {
                if (question.OwnOptions.Any(o => now.ChangedBy(question, o)))
                {
                    return new NextQuestion(question, IsFollowUp: false, question.Options);
                }

                continue;
            }

            if (!question.Multiple || !steps.All(s => s.Options.Count > 0 && s.Options.All(id => IsOwn(question, id))))
            {
                continue;
            }

            var chosen = ChosenFor(question.Id);
            var remaining = question.OwnOptions
                .Where(o => !o.Exclusive && !chosen.Contains(o.Id) && now.ChangedBy(question, o))
                .ToList();
            if (remaining.Count > 0)
            {
                return new NextQuestion(question, IsFollowUp: true, [.. remaining, rules.Done, rules.DontKnow]);
            }
        }

        return null;
    }

    /// <summary>Replaces every answer to a question by <paramref name="optionIds"/> (a correction).</summary>
    public void Replace(string questionId, IEnumerable<string> optionIds)
    {
        ArgumentNullException.ThrowIfNull(optionIds);
        var ids = optionIds.ToList();
        Forget(questionId);
        Record(questionId, ids);
    }

    /// <summary>Forgets every answer to a question, so that it is asked again. False when it had none.</summary>
    public bool Forget(string questionId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(questionId);
        Reviewed = false;
        return Steps.RemoveAll(s => string.Equals(s.Question, questionId, StringComparison.Ordinal)) > 0;
    }

    /// <summary>True when the question has an answer.</summary>
    public bool HasAnswered(string questionId) =>
        Steps.Any(s => string.Equals(s.Question, questionId, StringComparison.Ordinal));

    /// <summary>
    /// The causes that fit the answers with their weights, and whether the urgent advice applies: what an answer could
    /// change. Choosing one more option can only add to it (a rule holds when any of its options was chosen), so it
    /// changes the result exactly when it makes a rule hold with more weight than its cause has, or is urgent.
    /// </summary>
    private sealed class Fitting
    {
        private readonly CauseFinderRules rules;
        private readonly IReadOnlyDictionary<string, IReadOnlyCollection<string>> answers;
        private readonly Dictionary<string, int> weights = new(StringComparer.Ordinal);
        private readonly bool urgent;

        public Fitting(CauseFinderRules rules, IReadOnlyDictionary<string, IReadOnlyCollection<string>> answers)
        {
            this.rules = rules;
            this.answers = answers;
            foreach (var rule in rules.Rules)
            {
                if (rule.When.All(c => Holds(c, null, null)) && rules.FindCause(rule.Cause) is { } cause)
                {
                    var weight = rule.Weight ?? cause.Weight;
                    weights[cause.Id] = Math.Max(weight, weights.GetValueOrDefault(cause.Id));
                }
            }

            urgent = rules.Questions.Any(q => answers.TryGetValue(q.Id, out var chosen) && q.Options.Any(o => o.Urgent && chosen.Contains(o.Id)));
        }

        /// <summary>True when choosing <paramref name="option"/> of <paramref name="question"/> as well would change the result.</summary>
        public bool ChangedBy(Question question, AnswerOption option)
        {
            if (option.Exclusive || option.IsDontKnow)
            {
                return false;
            }

            if (option.Urgent && !urgent)
            {
                return true;
            }

            foreach (var rule in rules.RulesNaming(question.Id, option.Id))
            {
                if (!rule.When.All(c => Holds(c, question.Id, option.Id)))
                {
                    continue;
                }

                if (rules.FindCause(rule.Cause) is { } cause
                    && (!weights.TryGetValue(cause.Id, out var now) || (rule.Weight ?? cause.Weight) > now))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool Names(Condition condition, string questionId, string optionId) =>
            string.Equals(condition.Question, questionId, StringComparison.Ordinal) && condition.AnyOf.Contains(optionId, StringComparer.Ordinal);

        /// <summary>The condition holds with the answers, plus the option given (when one is).</summary>
        private bool Holds(Condition condition, string? questionId, string? optionId) =>
            (questionId is not null && Names(condition, questionId, optionId!))
            || (answers.TryGetValue(condition.Question, out var chosen) && condition.AnyOf.Any(id => chosen.Contains(id)));
    }

    /// <summary>Records the options chosen for a question (ids; the follow-up's "verder niets" included).</summary>
    public void Record(string questionId, IEnumerable<string> optionIds)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(questionId);
        ArgumentNullException.ThrowIfNull(optionIds);
        Reviewed = false;
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
        Reviewed = false;
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
