using Lucene.Net.Index;
using Lucene.Net.Search;

namespace B12Bot.Knowledge.Search;

/// <summary>
/// Collects every matching unit and keeps, per entry, its best unit score, and per text unit its match (for the
/// passage). A unit's score: its field weight × how well it matches — for a phrasing, heading or keyword, the
/// question's coverage and the unit's own coverage together; for a paragraph, the question's coverage alone (a
/// paragraph says much more than any question). One instance per question.
/// </summary>
internal sealed class EntryCollector : ICollector
{
    private readonly IReadOnlyList<Unit> units;
    private readonly float queryWeight;
    private readonly AnswererOptions options;
    private readonly float[] fieldBoost;
    private Scorer? scorer;
    private int docBase;

    public EntryCollector(IReadOnlyList<Unit> units, int entryCount, float queryWeight, AnswererOptions options)
    {
        this.units = units;
        this.queryWeight = queryWeight;
        this.options = options;
        fieldBoost = [options.QuestionBoost, options.TitleBoost, options.KeywordBoost, options.TextBoost];
        EntryScores = new float[entryCount];
        EntryUnits = new int[entryCount];
        Array.Fill(EntryUnits, -1);
        UnitMatches = new float[units.Count];
    }

    /// <summary>Per entry, the score of its best unit (0 when none matched).</summary>
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
        var matched = scorer!.GetScore() / boost;
        var questionCoverage = Math.Min(1f, matched / queryWeight);
        UnitMatches[id] = questionCoverage;

        float similarity;
        if (unit.Kind == UnitKind.Text)
        {
            similarity = questionCoverage;
        }
        else
        {
            var unitCoverage = unit.Weight > 0 ? Math.Min(1f, matched / unit.Weight) : 0f;
            similarity = MathF.Pow(questionCoverage, options.QuestionCoverageExponent)
                * MathF.Pow(unitCoverage, 1f - options.QuestionCoverageExponent);
        }

        var score = boost * similarity;
        if (score > EntryScores[unit.Entry])
        {
            EntryScores[unit.Entry] = score;
            EntryUnits[unit.Entry] = id;
        }
    }
}
