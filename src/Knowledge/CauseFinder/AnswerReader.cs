using System.Collections.Concurrent;

namespace B12Bot.Knowledge.CauseFinder;

/// <summary>An answer to one question: the options named for it.</summary>
public sealed record QuestionAnswer(Question Question, IReadOnlyList<AnswerOption> Options);

/// <summary>What one message says for the walkthrough.</summary>
public sealed record AnswerReading
{
    public static readonly AnswerReading Nothing = new();

    /// <summary>The options of the question asked that the message names (empty when it does not answer it).</summary>
    public IReadOnlyList<AnswerOption> Asked { get; init; } = [];

    /// <summary>
    /// Answers to other questions, told without being asked ("ik ben 72 en veganist"): questions not yet answered,
    /// and, when the message corrects ("nee wacht, …"), answered questions whose answer it changes.
    /// </summary>
    public IReadOnlyList<QuestionAnswer> Told { get; init; } = [];

    /// <summary>The message says it corrects an earlier answer ("nee wacht", "ik bedoel", "toch").</summary>
    public bool Correction { get; init; }

    /// <summary>The message adds to an earlier answer ("ook").</summary>
    public bool Adds { get; init; }

    public bool IsEmpty => Asked.Count == 0 && Told.Count == 0;
}

/// <summary>
/// Reads a message for answers to every question of the walkthrough, not only the one asked. An answer to another
/// question counts only when the sentence is about that question: its words name the question's topic
/// (<see cref="Question.Topic"/>: "omeprazol", "geen alcohol"), or a topic word stands near it in the same part of
/// the sentence ("af en toe een wijntje", "ik slik niks"). A typed age counts when it reads as one ("ik ben 72",
/// "72 jaar oud"). Words that answer another question are not read again as an answer to the one asked ("ik drink
/// niet" answers the alcohol question, not the medicine question asked). Plain replies to the question asked are
/// understood too: "nee hoor" and "niet dat ik weet" as no, "ja hoor" as yes.
/// </summary>
public static class AnswerReader
{
    /// <summary>How far a topic word may stand from an answer to another question (in words, same part of the sentence).</summary>
    private const int TopicWindow = 5;

    /// <summary>The same for "nee"-like answers, which need their topic closer ("slik niks", "nooit geopereerd").</summary>
    private const int ExclusiveTopicWindow = 2;

    private const int SmallestAge = 10;
    private const int LargestAge = 130;

    /// <summary>Words that announce a correction of an earlier answer.</summary>
    private static readonly string[][] CorrectionMarkers =
    [
        .. new[] { "wacht", "ik bedoel", "bedoel", "correctie", "eigenlijk", "toch", "sorry", "oeps", "vergist", "vergis", "verkeerd", "verbetering" }
            .Select(p => TextTokens.Of(p).ToArray()),
    ];

    /// <summary>Whole replies that mean no (or yes) to the question asked.</summary>
    private static readonly HashSet<string> PlainNo = new(StringComparer.Ordinal)
    {
        "nee hoor", "niet dat ik weet", "nee niet dat ik weet", "niet dat ik weet hoor", "welnee", "nee joh", "nope", "nee hoor niet",
        "helemaal niet", "zeker niet", "absoluut niet", "echt niet", "nee helemaal niet", "nee zeker niet", "niet echt", "nee niet echt",
        "neuh", "nah", "nee dat niet", "nee dat heb ik niet", "nee heb ik niet", "heb ik niet", "nee ik niet", "nee hoor nooit",
        "nee nooit", "nee dat doe ik niet", "doe ik niet", "nee doe ik niet", "nee ik heb niks", "nee niks", "nee niets",
    };

    private static readonly HashSet<string> PlainYes = new(StringComparer.Ordinal)
    {
        "ja hoor", "ja zeker", "jazeker", "ja klopt", "zeker wel", "inderdaad", "jep", "jawel", "ja dat klopt", "dat klopt", "ja inderdaad",
        "ja dat doe ik", "ja doe ik", "ja heb ik", "ja dat heb ik", "ja wel", "ja soms",
    };

    private static readonly ConcurrentDictionary<Question, HashSet<string>> Topics = new();

    /// <summary>Reads <paramref name="text"/> for answers.</summary>
    /// <param name="rules">The walkthrough's questions.</param>
    /// <param name="answered">Question id → the options chosen so far.</param>
    /// <param name="asked">The question waiting for an answer, or null (the message that starts the walkthrough, the review).</param>
    /// <param name="text">What the person typed.</param>
    /// <param name="readAnswered">Also read answered questions (the review before the result); a correction always does.</param>
    public static AnswerReading Read(
        CauseFinderRules rules,
        IReadOnlyDictionary<string, IReadOnlyCollection<string>> answered,
        NextQuestion? asked,
        string? text,
        bool readAnswered = false)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(answered);
        var (tokens, clauses) = TextTokens.OfClauses(text);
        if (tokens.Count == 0)
        {
            return AnswerReading.Nothing;
        }

        var claimed = new bool[tokens.Count];
        var correction = ClaimCorrection(tokens, claimed);
        readAnswered |= correction;

        var told = new List<QuestionAnswer>();
        foreach (var question in rules.Questions)
        {
            if (asked is not null && ReferenceEquals(question, asked.Question))
            {
                continue;
            }

            var has = answered.TryGetValue(question.Id, out var before);
            if (has && !readAnswered)
            {
                continue;
            }

            var (options, spans) = Volunteered(question, tokens, clauses);
            if (options.Count == 0)
            {
                continue;
            }

            foreach (var (start, end) in spans)
            {
                for (var i = start; i <= end; i++)
                {
                    claimed[i] = true;
                }
            }

            if (has && before!.Count == options.Count && options.All(o => before.Contains(o.Id)))
            {
                continue;
            }

            told.Add(new QuestionAnswer(question, options));
        }

        var askedOptions = asked is null ? [] : ReadAsked(asked, tokens, clauses, claimed);
        return new AnswerReading
        {
            Asked = askedOptions,
            Told = told,
            Correction = correction,
            Adds = tokens.Contains("ook", StringComparer.Ordinal),
        };
    }

    /// <summary>The options of the question asked that the words name, leaving out words that answer other questions.</summary>
    private static IReadOnlyList<AnswerOption> ReadAsked(NextQuestion asked, IReadOnlyList<string> tokens, IReadOnlyList<int> clauses, bool[] claimed)
    {
        var free = tokens.Where((_, i) => !claimed[i]).ToList();
        if (free.Count == 0)
        {
            return [];
        }

        var whole = string.Join(' ', free);
        if (PlainNo.Contains(whole) || PlainYes.Contains(whole))
        {
            var plain = AnswerMatcher.Match(asked.Offered, PlainNo.Contains(whole) ? "nee" : "ja", asked.Multiple);
            if (plain.Count > 0)
            {
                return plain;
            }
        }

        var topic = TopicOf(asked.Question);
        var hits = AnswerMatcher.FindHits(asked.Offered, tokens)
            .Where(h => !Overlaps(h, claimed) || IsTopical(h, tokens, clauses, topic))
            .ToList();
        var options = AnswerMatcher.Select(asked.Offered, hits, asked.Multiple);
        if (options.Count > 0)
        {
            return options;
        }

        return AnswerMatcher.ByAge(asked.Offered, free);
    }

    /// <summary>The options of <paramref name="question"/> the words name near its topic, and where they stand.</summary>
    private static (IReadOnlyList<AnswerOption> Options, IReadOnlyList<(int Start, int End)> Spans) Volunteered(
        Question question, IReadOnlyList<string> tokens, IReadOnlyList<int> clauses)
    {
        var topic = TopicOf(question);
        var own = question.OwnOptions.ToList();
        var hits = AnswerMatcher.FindHits(own, tokens)
            .Where(h => IsTopical(h, tokens, clauses, topic))
            .ToList();
        var options = AnswerMatcher.Select(own, hits, question.Multiple);
        if (options.Count > 0)
        {
            return (options, hits.Where(h => options.Contains(h.Option)).Select(h => (h.Start, h.End)).ToList());
        }

        if (own.Any(o => o.Ages is not null) && TypedAge(tokens) is { } age)
        {
            var match = own.FirstOrDefault(o => o.Ages is { } range && range.Contains(age.Value));
            if (match is not null)
            {
                return ([match], [(age.Start, age.End)]);
            }
        }

        return ([], []);
    }

    /// <summary>
    /// An age told in passing: "ik ben 72", "ik word 66", "72 jaar oud", "leeftijd 58"; not "al 10 jaar" or "10 jaar geleden".
    /// </summary>
    private static (int Value, int Start, int End)? TypedAge(IReadOnlyList<string> tokens)
    {
        (int Value, int Start, int End)? found = null;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!TextTokens.TryNumber(tokens[i], out var number)
                || number < SmallestAge || number > LargestAge)
            {
                continue;
            }

            string At(int index) => index >= 0 && index < tokens.Count ? tokens[index] : string.Empty;
            if (At(i + 1) == "geleden" || At(i + 2) == "geleden")
            {
                continue;
            }

            var saysAge = At(i - 1) is "ben" or "word" or "leeftijd" or "wordt"
                || (At(i - 2) is "ben" or "word" && At(i - 1) is "al" or "nu" or "bijna" or "net" or "pas" or "ruim")
                || (At(i + 1) == "jaar" && At(i + 2) == "oud")
                || (At(i - 1) == "van" && At(i - 2) is "vrouw" or "man");
            if (!saysAge)
            {
                continue;
            }

            if (found is not null)
            {
                return null;
            }

            var end = At(i + 1) == "jaar" ? (At(i + 2) == "oud" ? i + 2 : i + 1) : i;
            found = (number, i, end);
        }

        return found;
    }

    /// <summary>True when the hit names the topic itself, or a topic word stands near it in the same part of the sentence.</summary>
    private static bool IsTopical(AnswerMatcher.Hit hit, IReadOnlyList<string> tokens, IReadOnlyList<int> clauses, HashSet<string> topic)
    {
        if (hit.Phrase.Any(topic.Contains))
        {
            return true;
        }

        var window = hit.Option.Exclusive ? ExclusiveTopicWindow : TopicWindow;
        var from = Math.Max(0, hit.Start - window);
        var to = Math.Min(tokens.Count - 1, hit.End + window);
        for (var i = from; i <= to; i++)
        {
            var sameClause = clauses[i] == clauses[hit.Start] || clauses[i] == clauses[hit.End];
            if (sameClause && topic.Contains(tokens[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Overlaps(AnswerMatcher.Hit hit, bool[] claimed)
    {
        for (var i = hit.Start; i <= hit.End; i++)
        {
            if (claimed[i])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Marks the words of a correction ("nee wacht", "ik bedoel"), and a "nee" just before one, as read.</summary>
    private static bool ClaimCorrection(IReadOnlyList<string> tokens, bool[] claimed)
    {
        var found = false;
        foreach (var marker in CorrectionMarkers)
        {
            foreach (var (start, end) in TextTokens.FindAll(tokens, marker))
            {
                found = true;
                for (var i = start; i <= end; i++)
                {
                    claimed[i] = true;
                }

                for (var i = start - 1; i >= 0 && i >= start - 2; i--)
                {
                    if (tokens[i] is "nee" or "neen" or "o" or "oh" or "ho")
                    {
                        claimed[i] = true;
                    }
                }
            }
        }

        return found;
    }

    private static HashSet<string> TopicOf(Question question) =>
        Topics.GetOrAdd(question, q => q.Topic.SelectMany(TextTokens.OfPhrase).ToHashSet(StringComparer.Ordinal));
}
