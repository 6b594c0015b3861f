namespace B12Bot.Knowledge.CauseFinder;

/// <summary>A cause that fits the answers, with the sentence saying why.</summary>
public sealed record CauseFinding
{
    public required Cause Cause { get; init; }

    /// <summary>The weight it was ordered by (the highest of the rules that fired).</summary>
    public required int Weight { get; init; }

    /// <summary>One sentence: the cause's template with the answers that led here.</summary>
    public required string Reason { get; init; }

    /// <summary>The answers that led here, in question order.</summary>
    public required IReadOnlyList<AnswerOption> Because { get; init; }

    /// <summary>The knowledge entry id to cite.</summary>
    public string EntryId => Cause.Entry;
}

/// <summary>What the answers come to.</summary>
public sealed record CauseFinderOutcome
{
    /// <summary>The causes that fit, most likely first; empty when nothing fits.</summary>
    public required IReadOnlyList<CauseFinding> Causes { get; init; }

    /// <summary>The symptoms named (not "nee" or "weet ik niet").</summary>
    public required IReadOnlyList<AnswerOption> Symptoms { get; init; }

    /// <summary>The symptom sentence with the symptoms filled in, or null when none were named.</summary>
    public string? SymptomsText { get; init; }

    /// <summary>True when an urgent (red-flag) option was chosen anywhere.</summary>
    public required bool Urgent { get; init; }
}

/// <summary>Applies the rules to answers. Pure: the same answers always give the same outcome.</summary>
public static class CauseFinderEvaluator
{
    /// <param name="rules">The loaded rules.</param>
    /// <param name="answers">Question id → the option ids chosen. Unknown ids are ignored.</param>
    public static CauseFinderOutcome Evaluate(CauseFinderRules rules, IReadOnlyDictionary<string, IReadOnlyCollection<string>> answers)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(answers);

        var findings = new List<CauseFinding>();
        foreach (var cause in rules.Causes)
        {
            var weight = 0;
            var because = new HashSet<(string Question, string Option)>();
            foreach (var rule in rules.Rules.Where(r => string.Equals(r.Cause, cause.Id, StringComparison.Ordinal)))
            {
                if (!rule.When.All(c => Holds(c, answers)))
                {
                    continue;
                }

                weight = Math.Max(weight, rule.Weight ?? cause.Weight);
                foreach (var condition in rule.When)
                {
                    foreach (var option in condition.AnyOf.Where(o => Chosen(answers, condition.Question, o)))
                    {
                        because.Add((condition.Question, option));
                    }
                }
            }

            if (weight <= 0)
            {
                continue;
            }

            var options = InQuestionOrder(rules, because);
            findings.Add(new CauseFinding
            {
                Cause = cause,
                Weight = weight,
                Reason = Fill(cause.Why, options),
                Because = options,
            });
        }

        // OrderByDescending is stable: equal weights keep the file's order.
        var ordered = findings.OrderByDescending(f => f.Weight).ToList();
        var symptoms = SymptomsNamed(rules, answers);
        return new CauseFinderOutcome
        {
            Causes = ordered,
            Symptoms = symptoms,
            SymptomsText = symptoms.Count == 0 ? null : Fill(rules.Ending.Symptoms.Text, symptoms),
            Urgent = rules.Questions.Any(q => q.Options.Any(o => o.Urgent && Chosen(answers, q.Id, o.Id))),
        };
    }

    /// <summary>Replaces the placeholder by the answers' phrases: "a", "a en b", "a, b en c".</summary>
    public static string Fill(string template, IReadOnlyList<AnswerOption> options)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(options);
        return template.Replace(CauseFinderRules.AnswersPlaceholder, JoinDutch(options.Select(o => o.Phrase).ToList()), StringComparison.Ordinal);
    }

    public static string JoinDutch(IReadOnlyList<string> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        return parts.Count switch
        {
            0 => string.Empty,
            1 => parts[0],
            _ => string.Join(", ", parts.Take(parts.Count - 1)) + " en " + parts[^1],
        };
    }

    private static bool Holds(Condition condition, IReadOnlyDictionary<string, IReadOnlyCollection<string>> answers) =>
        condition.AnyOf.Any(o => Chosen(answers, condition.Question, o));

    private static bool Chosen(IReadOnlyDictionary<string, IReadOnlyCollection<string>> answers, string question, string option) =>
        answers.TryGetValue(question, out var chosen) && chosen.Contains(option, StringComparer.Ordinal);

    private static List<AnswerOption> InQuestionOrder(CauseFinderRules rules, HashSet<(string Question, string Option)> chosen) =>
        rules.Questions
            .SelectMany(q => q.Options.Where(o => chosen.Contains((q.Id, o.Id))))
            .ToList();

    private static List<AnswerOption> SymptomsNamed(CauseFinderRules rules, IReadOnlyDictionary<string, IReadOnlyCollection<string>> answers)
    {
        var question = rules.FindQuestion(rules.Ending.SymptomsQuestion);
        if (question is null)
        {
            return [];
        }

        return question.Options.Where(o => !o.Exclusive && Chosen(answers, question.Id, o.Id)).ToList();
    }
}
