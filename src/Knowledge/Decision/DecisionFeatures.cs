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
    string? HandReason = null);

/// <summary>
/// The features of the learned answer decision, from the retrieval (the best entry's calibrated score and how close
/// the next ones are, the unit it matched) and the analysis (how much of the question the knowledge covers, the real
/// words it does not know, typos, the question's shape, where the question stands in a story). The names are stored
/// with the model, which refuses to load when they differ.
/// </summary>
internal static class DecisionFeatures
{
    public static IReadOnlyList<string> Names { get; } =
    [
        "best", "secondRatio", "thirdRatio", "margin", "planWeight", "concepts", "unknownConcepts", "unknownShare",
        "uncovered", "uncoveredLongest", "nonWords", "corrected", "core", "topic", "coreBesidesMedicine", "medicine",
        "rules", "story", "sentences", "questionAt", "bestUnit", "bestIsFaq", "words", "englishShare",
        "uncoveredShare", "uncoveredInQuestion", "uncoveredAfterMarker", "questionBest", "questionAgrees", "uncoveredVerbs", "nonWordsAfterMarker",
        "shop", "service", "otherNutrient", "medicineOnly", "noDomainWord", "otherConsequence",
    ];

    public static int Count => Names.Count;

    /// <summary>The sum of all the features of some questions, rounded: whether a model still fits this build.</summary>
    public static double Checksum(IEnumerable<float[]> rows) =>
        Math.Round(rows.Sum(row => row.Sum(v => (double)v)), 2);

    /// <summary>
    /// The hand rules of the planner whose verdict is a feature of the learned decision rather than final: the shop,
    /// care services, other nutrients, a medicine alone, no word of the topic, other consequences. What the article
    /// never covers (amounts, pets, measured values, pain of a treatment) stays final.
    /// </summary>
    public static bool Learned(string reason) =>
        reason is "shop" or "service" or "other-nutrient" or "medicine" or "no-domain-word" or "other-consequence";

    public static float[] Compute(in DecisionInput input)
    {
        var plan = input.Plan;
        var unknown = plan.Concepts.Where(c => c.Terms.Count == 0).ToList();
        var (sentences, questionAt) = Sentences(input.Text);
        return
        [
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
            plan.HasCore ? 1 : 0,
            plan.HasTopic ? 1 : 0,
            plan.HasCoreBesidesMedicine ? 1 : 0,
            plan.HasMedicine ? 1 : 0,
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
            input.HandReason == "shop" ? 1 : 0,
            input.HandReason == "service" ? 1 : 0,
            input.HandReason == "other-nutrient" ? 1 : 0,
            input.HandReason == "medicine" ? 1 : 0,
            input.HandReason == "no-domain-word" ? 1 : 0,
            input.HandReason == "other-consequence" ? 1 : 0,
        ];
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
