using Lucene.Net.Index;
using Lucene.Net.Search;

namespace B12Bot.Knowledge.Search;

/// <summary>
/// Collects every matching unit and keeps, per entry and field, its best unit score, and per text unit its match
/// (for the passage). A unit's score: its field weight × how well it matches — for a phrasing, heading or keyword,
/// the question's coverage and the unit's own coverage together; for a paragraph, the question's coverage alone (a
/// paragraph says much more than any question), and only in full when the matched words weigh enough (a paragraph
/// that merely says "b12" and "tekort" proves little). An entry scores its best field plus a share of its
/// second-best: an entry that matches in its phrasings and in its text is likelier right than one that matches in
/// one place. One instance per question.
/// </summary>
internal sealed class EntryCollector : ICollector
{
    private readonly IReadOnlyList<Unit> units;
    private readonly float queryWeight;
    private readonly AnswererOptions options;
    private const int Kinds = 4;
    private readonly float[] fieldBoost;
    private readonly float[] kindScores;
    private Scorer? scorer;
    private int docBase;

    private readonly IReadOnlyList<CommonConcept> commonConcepts;

    /// <param name="units">The units by document id.</param>
    /// <param name="entryCount">How many entries there are.</param>
    /// <param name="queryWeight">The question's total weight.</param>
    /// <param name="commonConcepts">The question's concepts that were not searched: counted from each unit's bit mask.</param>
    /// <param name="options">Weights and thresholds.</param>
    public EntryCollector(IReadOnlyList<Unit> units, int entryCount, float queryWeight, IReadOnlyList<CommonConcept> commonConcepts, AnswererOptions options)
    {
        this.commonConcepts = commonConcepts;
        this.units = units;
        this.queryWeight = queryWeight;
        this.options = options;
        fieldBoost = [options.QuestionBoost, options.TitleBoost, options.KeywordBoost, options.TextBoost];
        EntryScores = new float[entryCount];
        kindScores = new float[entryCount * Kinds];
        EntryUnits = new int[entryCount];
        Array.Fill(EntryUnits, -1);
        UnitMatches = new float[units.Count];
    }

    /// <summary>Per entry, its score (0 when none of its units matched); complete after <see cref="Finish"/>.</summary>
    public float[] EntryScores { get; }

    /// <summary>Per entry, the document id of its best unit (−1 when none matched).</summary>
    public int[] EntryUnits { get; }

    /// <summary>Per document id, the fraction of the question it covers.</summary>
    public float[] UnitMatches { get; }

    public bool AcceptsDocsOutOfOrder => true;

    public static float FieldBoost(AnswererOptions options, UnitKind kind) => kind switch
    {
        UnitKind.Question => options.QuestionBoost,
        UnitKind.Title => options.TitleBoost,
        UnitKind.Keyword => options.KeywordBoost,
        _ => options.TextBoost,
    };

    public void SetScorer(Scorer scorer) => this.scorer = scorer;

    public void SetNextReader(AtomicReaderContext context) => docBase = context.DocBase;

    public void Collect(int doc)
    {
        var id = docBase + doc;
        var unit = units[id];
        var boost = fieldBoost[(int)unit.Kind];
        var matched = (scorer!.GetScore() / boost) + CommonCredit(unit.CommonTerms);
        var questionCoverage = Math.Min(1f, matched / queryWeight);
        UnitMatches[id] = questionCoverage;

        float similarity;
        if (unit.Kind == UnitKind.Text)
        {
            similarity = questionCoverage * Math.Min(1f, matched / options.TextEvidence);
        }
        else
        {
            var unitCoverage = unit.Weight > 0 ? Math.Min(1f, matched / unit.Weight) : 0f;
            similarity = MathF.Pow(questionCoverage, options.QuestionCoverageExponent)
                * MathF.Pow(unitCoverage, 1f - options.QuestionCoverageExponent);
        }

        var score = boost * similarity;
        ref var kindScore = ref kindScores[(unit.Entry * Kinds) + (int)unit.Kind];
        if (score > kindScore)
        {
            kindScore = score;
            if (score > EntryScores[unit.Entry])
            {
                EntryScores[unit.Entry] = score;
                EntryUnits[unit.Entry] = id;
            }
        }
    }

    private float CommonCredit(ulong unitTerms)
    {
        var credit = 0f;
        foreach (var concept in commonConcepts)
        {
            var hit = unitTerms & concept.Mask;
            if (hit == 0)
            {
                continue;
            }

            var best = 0f;
            foreach (var (bit, value) in concept.Credits)
            {
                if ((hit & (1UL << bit)) != 0 && value > best)
                {
                    best = value;
                }
            }

            credit += best;
        }

        return credit;
    }

    /// <summary>Adds to each entry's best field score a share of its second-best field score.</summary>
    public void Finish()
    {
        for (var e = 0; e < EntryScores.Length; e++)
        {
            var second = 0f;
            var first = EntryScores[e];
            var skipped = false;
            for (var k = 0; k < Kinds; k++)
            {
                var value = kindScores[(e * Kinds) + k];
                if (!skipped && value == first)
                {
                    skipped = true;
                    continue;
                }

                second = Math.Max(second, value);
            }

            EntryScores[e] = first + (options.CorroborationShare * second);
        }
    }
}

/// <summary>A concept of the question made only of common terms: its terms' bits and what each is worth.</summary>
internal sealed record CommonConcept(ulong Mask, IReadOnlyList<(int Bit, float Credit)> Credits);
