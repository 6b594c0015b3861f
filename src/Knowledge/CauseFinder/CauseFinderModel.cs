namespace B12Bot.Knowledge.CauseFinder;

/// <summary>
/// The guided cause-finder as data (<c>knowledge/causefinder.json</c>): the questions asked one at a time,
/// the causes the article names, the rules from answers to causes, and the texts of the ending.
/// Built by <see cref="CauseFinderLoader"/>, which validates everything; read-only afterwards.
/// </summary>
public sealed class CauseFinderRules
{
    /// <summary>The placeholder in a template that is replaced by the answers that led there.</summary>
    public const string AnswersPlaceholder = "{antwoorden}";

    private readonly Dictionary<string, Question> questionsById;
    private readonly Dictionary<string, Cause> causesById;

    internal CauseFinderRules(
        string intro,
        AnswerOption dontKnow,
        AnswerOption done,
        IReadOnlyList<Question> questions,
        IReadOnlyList<Cause> causes,
        IReadOnlyList<Rule> rules,
        Ending ending)
    {
        Intro = intro;
        DontKnow = dontKnow;
        Done = done;
        Questions = questions;
        Causes = causes;
        Rules = rules;
        Ending = ending;
        questionsById = ById(questions, q => q.Id);
        causesById = ById(causes, c => c.Id);
        foreach (var rule in rules)
        {
            foreach (var condition in rule.When)
            {
                foreach (var option in condition.AnyOf)
                {
                    var key = (condition.Question, option);
                    if (!rulesNaming.TryGetValue(key, out var list))
                    {
                        rulesNaming[key] = list = [];
                    }

                    if (!list.Contains(rule))
                    {
                        list.Add(rule);
                    }
                }
            }
        }
    }

    private readonly Dictionary<(string Question, string Option), List<Rule>> rulesNaming = [];

    /// <summary>The rules with a condition that the option of the question satisfies.</summary>
    public IReadOnlyList<Rule> RulesNaming(string questionId, string optionId) =>
        rulesNaming.TryGetValue((questionId, optionId), out var list) ? list : [];

    /// <summary>The one plain sentence the walkthrough opens with.</summary>
    public string Intro { get; }

    /// <summary>"Weet ik niet": accepted by every question (it is also the last option of each).</summary>
    public AnswerOption DontKnow { get; }

    /// <summary>"Nee, verder niets": ends the follow-up of a question that allows more than one answer.</summary>
    public AnswerOption Done { get; }

    /// <summary>The questions, in the order they are asked.</summary>
    public IReadOnlyList<Question> Questions { get; }

    /// <summary>The causes, in file order (the tie-breaker for equal weights).</summary>
    public IReadOnlyList<Cause> Causes { get; }

    public IReadOnlyList<Rule> Rules { get; }

    public Ending Ending { get; }

    public Question? FindQuestion(string? id) =>
        id is not null && questionsById.TryGetValue(id, out var question) ? question : null;

    public Cause? FindCause(string? id) =>
        id is not null && causesById.TryGetValue(id, out var cause) ? cause : null;

    /// <summary>First item per id; the loader reports duplicates before anything is used.</summary>
    internal static Dictionary<string, T> ById<T>(IEnumerable<T> items, Func<T, string> id)
    {
        var byId = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            byId.TryAdd(id(item), item);
        }

        return byId;
    }
}

/// <summary>One question of the walkthrough.</summary>
public sealed class Question
{
    private readonly Dictionary<string, AnswerOption> optionsById;

    internal Question(string id, string text, string help, bool multiple, string? followUp, IReadOnlyList<AnswerOption> options)
    {
        Id = id;
        Text = text;
        Help = help;
        Multiple = multiple;
        FollowUp = followUp;
        Options = options;
        optionsById = CauseFinderRules.ById(options, o => o.Id);
    }

    public string Id { get; }

    public string Text { get; }

    /// <summary>What "help" explains before the question is asked again.</summary>
    public string Help { get; }

    /// <summary>More than one option may apply; the walkthrough then asks <see cref="FollowUp"/>.</summary>
    public bool Multiple { get; }

    /// <summary>"Heeft u daarnaast nog …?" (only for <see cref="Multiple"/> questions).</summary>
    public string? FollowUp { get; }

    /// <summary>The options, "weet ik niet" last.</summary>
    public IReadOnlyList<AnswerOption> Options { get; }

    /// <summary>A short name for the question ("Leeftijd"): the review's buttons and "wijzig leeftijd" use it.</summary>
    public string Label { get; init; } = string.Empty;

    /// <summary>
    /// Words that show a sentence is about this question ("slik", "medicijnen"): an answer to it given while
    /// another question is asked counts only near one of them (or when the answer's own words contain one).
    /// </summary>
    public IReadOnlyList<string> Topic { get; init; } = [];

    public AnswerOption? FindOption(string? id) =>
        id is not null && optionsById.TryGetValue(id, out var option) ? option : null;

    /// <summary>The options "weet ik niet" excepted.</summary>
    public IEnumerable<AnswerOption> OwnOptions => Options.Where(o => !o.IsDontKnow);
}

/// <summary>One answer a question offers.</summary>
public sealed record AnswerOption
{
    public required string Id { get; init; }

    /// <summary>What the button shows.</summary>
    public required string Title { get; init; }

    /// <summary>Other ways people say it (matched on words, case and accents ignored).</summary>
    public IReadOnlyList<string> Synonyms { get; init; } = [];

    /// <summary>The answer as part of a sentence ("u veganistisch eet"), used in the "why" of a cause.</summary>
    public required string Phrase { get; init; }

    /// <summary>This answer excludes the others ("nee", "weet ik niet").</summary>
    public bool Exclusive { get; init; }

    /// <summary>A symptom that needs the GP soon (red flag).</summary>
    public bool Urgent { get; init; }

    /// <summary>For the age question: a typed age in this range picks this option.</summary>
    public AgeRange? Ages { get; init; }

    /// <summary>True for the shared "weet ik niet" option.</summary>
    public bool IsDontKnow { get; init; }
}

/// <summary>An inclusive range of ages.</summary>
public sealed record AgeRange(int Min, int Max)
{
    public bool Contains(int age) => age >= Min && age <= Max;
}

/// <summary>A cause of low B12 that the article names, with the entry it cites.</summary>
public sealed record Cause
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    /// <summary>The knowledge entry id this cause cites (<c>maagoperaties</c>, <c>faq-02</c> …).</summary>
    public required string Entry { get; init; }

    /// <summary>One sentence with <see cref="CauseFinderRules.AnswersPlaceholder"/> for the answers that led here.</summary>
    public required string Why { get; init; }

    /// <summary>How likely, for ordering: higher first.</summary>
    public required int Weight { get; init; }
}

/// <summary>When every condition holds, the cause fits (with the rule's weight, or the cause's).</summary>
public sealed record Rule
{
    public required string Cause { get; init; }

    public required IReadOnlyList<Condition> When { get; init; }

    public int? Weight { get; init; }
}

/// <summary>Holds when the answer to <see cref="Question"/> includes any of <see cref="AnyOf"/>.</summary>
public sealed record Condition
{
    public required string Question { get; init; }

    public required IReadOnlyList<string> AnyOf { get; init; }
}

/// <summary>A text of the ending with the knowledge entries it cites.</summary>
public sealed record CitedText
{
    public required string Text { get; init; }

    /// <summary>The entry the text mainly comes from (cited first).</summary>
    public required string Entry { get; init; }

    /// <summary>Other entries the text also draws on, cited after <see cref="Entry"/>.</summary>
    public IReadOnlyList<string> SeeAlso { get; init; } = [];

    /// <summary><see cref="Entry"/> and then <see cref="SeeAlso"/>.</summary>
    public IEnumerable<string> AllEntries => SeeAlso.Prepend(Entry);
}

/// <summary>The texts of the ending.</summary>
public sealed record Ending
{
    public required string ResultIntro { get; init; }

    /// <summary>About the symptoms named; <see cref="CauseFinderRules.AnswersPlaceholder"/> lists them.</summary>
    public required CitedText Symptoms { get; init; }

    /// <summary>The id of the question that asks about symptoms.</summary>
    public required string SymptomsQuestion { get; init; }

    /// <summary>What to discuss with the GP: the tests the article names.</summary>
    public required CitedText Tests { get; init; }

    /// <summary>The treatment routes the article names.</summary>
    public required CitedText Treatments { get; init; }

    /// <summary>Only a GP can diagnose.</summary>
    public required string GpReminder { get; init; }

    /// <summary>When no cause fits: the general causes.</summary>
    public required CitedText NothingFits { get; init; }
}
