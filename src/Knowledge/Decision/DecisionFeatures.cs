using B12Bot.Knowledge.Search;

namespace B12Bot.Knowledge.Decision;

/// <summary>What the answer decision sees of one question and its best entries.</summary>
internal readonly record struct DecisionInput(
    string Text,
    QueryPlan Plan,
    float Best,
    float Second,
    float Third,
    UnitKind BestUnit,
    EntryKind BestEntry,
    float HandThreshold,
    int Words,
    int EnglishWords,
    float QuestionBest,
    bool QuestionAgrees,
    Lexicon Lexicon,
    IReadOnlyList<int> QuestionCategoryCounts,
    string? HandReason = null,
    float BestCovered = 0,
    int BestMissing = 0);

/// <summary>
/// The features of the learned answer decision, from the retrieval (the best entry's calibrated score and how close
/// the next ones are, the unit it matched) and the analysis (how much of the question the knowledge covers, the real
/// words it does not know, typos, the question's shape, where the question stands in a story), and from the data: per
/// term category of the lexicon, how many words of the message and of its question sentence fall in it, and per learned
/// verdict whether it holds. A new category or verdict is a data change and a new training, no code. The names are
/// stored with the model, which refuses to load when they differ.
/// </summary>
internal static class DecisionFeatures
{
    /// <summary>The features every build computes, whatever its lexicon.</summary>
    public static IReadOnlyList<string> Fixed { get; } =
    [
        "best", "secondRatio", "thirdRatio", "margin", "planWeight", "concepts", "unknownConcepts", "unknownShare",
        "uncovered", "uncoveredLongest", "nonWords", "corrected", "topic", "coreBesidesMedicine",
        "rules", "story", "sentences", "questionAt", "bestUnit", "bestIsFaq", "words", "englishShare",
        "uncoveredShare", "uncoveredInQuestion", "uncoveredAfterMarker", "questionBest", "questionAgrees", "uncoveredVerbs", "nonWordsAfterMarker",
        "coveredWords", "notCoveredWords", "bestCovered", "bestMissing",
    ];

    /// <summary>The names of the features of a lexicon, in the order <see cref="Compute"/> gives them.</summary>
    public static IReadOnlyList<string> Names(Lexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(lexicon);
        return
        [
            .. Fixed,
            .. lexicon.Categories.Select(c => "in:" + c.Name),
            .. lexicon.Categories.Select(c => "question:" + c.Name),
            .. LearnedReasons(lexicon).Select(r => "verdict:" + r),
        ];
    }

    /// <summary>What the ranking sees of one candidate entry, before the question's own features.</summary>
    public static IReadOnlyList<string> CandidateFixed { get; } =
    [
        "candidate:rank", "candidate:score", "candidate:ratio", "candidate:gap", "candidate:unit", "candidate:faq",
        "candidate:entry", "candidate:aloneBest", "candidate:relatedToFirst", "candidate:covered", "candidate:missing",
        "candidate:coveredOverFirst",
    ];

    /// <summary>The features of the ranking: a candidate's own, then the question's (<paramref name="question"/>).</summary>
    public static IReadOnlyList<string> CandidateNames(IReadOnlyList<string> question) => [.. CandidateFixed, .. question];

    /// <summary>One candidate's features (<see cref="CandidateNames"/>), after its rank among the best entries.</summary>
    public static float[] Candidate(
        float[] question, int rank, float score, float best, UnitKind unit, EntryKind kind, int entry, bool aloneBest, bool relatedToFirst,
        (float Share, int Missing) coverage, float firstCovered)
    {
        ArgumentNullException.ThrowIfNull(question);
        var features = new float[CandidateFixed.Count + question.Length];
        features[0] = rank;
        features[1] = score;
        features[2] = best > 0 ? score / best : 0;
        features[3] = best - score;
        features[4] = (float)unit;
        features[5] = kind == EntryKind.Faq ? 1 : 0;
        features[6] = entry;
        features[7] = aloneBest ? 1 : 0;
        features[8] = relatedToFirst ? 1 : 0;
        features[9] = coverage.Share;
        features[10] = coverage.Missing;
        features[11] = coverage.Share - firstCovered;
        question.CopyTo(features, CandidateFixed.Count);
        return features;
    }

    /// <summary>The reasons of the learned verdicts, once each, in the order of the lexicon.</summary>
    public static IEnumerable<string> LearnedReasons(Lexicon lexicon) =>
        lexicon.Verdicts.Where(v => v.Learned).Select(v => v.Reason).Distinct(StringComparer.Ordinal);

    /// <summary>The sum of all the features of some questions, rounded: whether a model still fits this build.</summary>
    public static double Checksum(IEnumerable<float[]> rows) =>
        Math.Round(rows.Sum(row => row.Sum(v => (double)v)), 2);

    public static float[] Compute(in DecisionInput input)
    {
        var plan = input.Plan;
        var lexicon = input.Lexicon;
        var unknown = plan.Concepts.Where(c => c.Terms.Count == 0).ToList();
        var (sentences, questionAt) = Sentences(input.Text);
        var features = new List<float>(Fixed.Count + (2 * lexicon.Categories.Count) + lexicon.Verdicts.Count)
        {
            input.Best,
            input.Best > 0 ? input.Second / input.Best : 0,
            input.Best > 0 ? input.Third / input.Best : 0,
            input.Best - input.HandThreshold,
            plan.Weight,
            plan.Concepts.Count,
            unknown.Count,
            plan.Weight > 0 ? unknown.Sum(c => c.Weight) / plan.Weight : 0,
            plan.Uncovered.Count,
            plan.Uncovered.Count == 0 ? 0 : plan.Uncovered.Max(w => w.Length),
            plan.NonWords,
            plan.Corrected,
            plan.HasTopic ? 1 : 0,
            plan.HasCoreBesidesMedicine ? 1 : 0,
            plan.Rules.Count,
            plan.Rules.Contains(QueryPlan.StoryRule) ? 1 : 0,
            sentences,
            questionAt,
            (float)input.BestUnit,
            input.BestEntry == EntryKind.Faq ? 1 : 0,
            input.Words,
            input.Words > 0 ? (float)input.EnglishWords / input.Words : 0,
            input.Words > 0 ? (float)plan.Uncovered.Count / input.Words : 0,
            plan.UncoveredInQuestion,
            plan.UncoveredAfterMarker,
            input.QuestionBest,
            input.QuestionAgrees ? 1 : 0,
            plan.UncoveredVerbs,
            plan.NonWordsAfterMarker,
            Sum(plan.CategoryCounts, lexicon, CategoryCoverage.Covered),
            Sum(plan.CategoryCounts, lexicon, CategoryCoverage.NotCovered),
            input.BestCovered,
            input.BestMissing,
        };
        for (var c = 0; c < lexicon.Categories.Count; c++)
        {
            features.Add(c < plan.CategoryCounts.Count ? plan.CategoryCounts[c] : 0);
        }

        for (var c = 0; c < lexicon.Categories.Count; c++)
        {
            features.Add(c < input.QuestionCategoryCounts.Count ? input.QuestionCategoryCounts[c] : 0);
        }

        foreach (var reason in LearnedReasons(lexicon))
        {
            features.Add(input.HandReason == reason ? 1 : 0);
        }

        return [.. features];
    }

    private static float Sum(IReadOnlyList<int> counts, Lexicon lexicon, CategoryCoverage coverage)
    {
        var sum = 0;
        for (var c = 0; c < counts.Count && c < lexicon.Categories.Count; c++)
        {
            sum += lexicon.Categories[c].Coverage == coverage ? counts[c] : 0;
        }

        return sum;
    }

    /// <summary>
    /// The question of a message of several sentences: its last sentence that asks (ends in '?'), or else its last;
    /// null for a message of one sentence.
    /// </summary>
    internal static string? QuestionSentence(string text)
    {
        var sentences = new List<(int Start, int End, bool Asks)>();
        var start = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '.' or '!' or '?' or '\n')
            {
                if (start >= 0)
                {
                    sentences.Add((start, i, c == '?'));
                    start = -1;
                }
            }
            else if (start < 0 && char.IsLetterOrDigit(c))
            {
                start = i;
            }
        }

        if (start >= 0)
        {
            sentences.Add((start, text.Length, false));
        }

        if (sentences.Count < 2)
        {
            return null;
        }

        var question = sentences.FindLastIndex(s => s.Asks) is var at and >= 0 ? sentences[at] : sentences[^1];
        return text[question.Start..Math.Min(text.Length, question.End + 1)];
    }

    /// <summary>How many sentences the message has, and where the (last) question stands among them: 0 first, 1 last.</summary>
    internal static (int Sentences, float QuestionAt) Sentences(string text)
    {
        var sentences = 0;
        var question = -1;
        var inSentence = false;
        foreach (var c in text)
        {
            if (c is '.' or '!' or '?' or '\n')
            {
                if (inSentence)
                {
                    if (c == '?')
                    {
                        question = sentences;
                    }

                    sentences++;
                    inSentence = false;
                }
            }
            else if (char.IsLetterOrDigit(c))
            {
                inSentence = true;
            }
        }

        if (inSentence)
        {
            sentences++;
        }

        sentences = Math.Max(sentences, 1);
        return (sentences, question < 0 ? -1 : sentences == 1 ? 1 : (float)question / (sentences - 1));
    }
}
