using Lucene.Net.Index;
using Lucene.Net.Search;

namespace B12Bot.Knowledge.Search;

/// <summary>
/// Collects every matching unit and keeps, per entry and field, its best unit score, and per matched paragraph its
/// match (for the passage). A unit's score: its field weight × how well it matches — for a phrasing, heading or
/// keyword, the question's coverage and the unit's own coverage together; for a paragraph, the question's coverage
/// alone (a paragraph says much more than any question), and only in full when the matched words weigh enough (a
/// paragraph that merely says "b12" and "tekort" proves little). An entry scores its best field plus a share of its
/// second-best: an entry that matches in its phrasings and in its text is likelier right than one that matches in
/// one place. Only the best few entries are kept (<see cref="Ranking"/>), and as an entry's units are consecutive
/// documents, an entry whose upper bound cannot reach the last one kept is not scored at all (no powers taken).
/// <para>
/// Reused question after question (<see cref="Start"/>, <see cref="Clear"/>): its arrays are per entry, allocated
/// once, and only what a question touched is cleared after it, so a question costs what it matches, not what the
/// knowledge holds. One question at a time.
/// </para>
/// </summary>
internal sealed class EntryCollector : ICollector
{
    /// <summary>How many of the best entries <see cref="Ranking"/> keeps.</summary>
    public const int RankingSize = 5;

    private const int Kinds = 4;

    /// <summary>
    /// The slack of a phrasing's upper bound: it covers the rounding of <see cref="MathF.Pow(float, float)"/> many
    /// times over, so a unit skipped by the bound could not have changed any score.
    /// </summary>
    private const float BoundSlack = 1.0001f;

    /// <summary>
    /// The slack of <see cref="CannotBeat"/>: it covers the rounding of the sums and products it leaves out (and any
    /// last-place wobble of <see cref="MathF.Pow(float, float)"/>) many times over.
    /// </summary>
    private const float CeilingSlack = 1.001f;

    /// <summary>Slots per field of the cache of <see cref="FieldCeiling"/> (a power of two).</summary>
    private const int CeilingBits = 6;
    private const int CeilingSlots = 1 << CeilingBits;

    /// <summary>Buckets of a unit's coverage for the upper bound of its power (a power of two: coverage × buckets is exact).</summary>
    private const int CoverageBuckets = 1024;

    /// <summary>Slots of the cache of the question coverage's power (few distinct values per question).</summary>
    private const int PowerSlots = 1024;

    private readonly Unit[] units;
    private readonly AnswererOptions options;
    private readonly float[] fieldBoost;
    private readonly float[] kindScores;
    private readonly float[] entryScores;
    private readonly int[] entryUnits;
    private readonly List<int> touchedEntries = [];
    private readonly List<(int Doc, float Match)> textMatches = [];
    private readonly List<int> ranking = new(RankingSize);
    private readonly bool similarityBounded;

    /// <summary>
    /// Whether each entry's units are consecutive documents (as the index writes them) and the bounds hold: then
    /// an entry's units are scored only when it can be among the best kept.
    /// </summary>
    private readonly bool entriesInOrder;
    private readonly List<(int Id, float Searched)> pending = [];

    /// <summary>Per field, the highest search score among the pending entry's units (−∞: none).</summary>
    private readonly float[] pendingMost = [float.NegativeInfinity, float.NegativeInfinity, float.NegativeInfinity, float.NegativeInfinity];

    /// <summary>Above any unit's credit from the common concepts: the sum of each concept's best credit.</summary>
    private float creditBound;

    /// <summary>
    /// Per field, the highest search score found this question whose ceiling, times 1 + the corroboration share,
    /// cannot beat the threshold (−∞: none yet). Valid while the threshold only rises, as it does in a search.
    /// </summary>
    private readonly float[] weakUpTo = [float.NegativeInfinity, float.NegativeInfinity, float.NegativeInfinity, float.NegativeInfinity];

    /// <summary>Per field, <see cref="FieldCeiling"/> by the search score's bits, for this question (<see cref="EmptySlot"/>: none).</summary>
    private readonly int[] ceilingKeys = new int[Kinds * CeilingSlots];
    private readonly float[] ceilingValues = new float[Kinds * CeilingSlots];
    private int pendingEntry = -1;
    private readonly float questionExponent;
    private readonly float unitExponent;

    /// <summary>Per bucket of a unit's coverage, above its upper end's power (with the slack).</summary>
    private readonly float[] unitPowerBound;

    /// <summary>The question coverage's power by the coverage's bits: a pure function, so kept from question to question.</summary>
    private readonly int[] powerKeys;
    private readonly float[] powerValues;
    private ulong[] commonMasks = [];
    private (int Bit, float Credit)[][] commonCredits = [];
    private float queryWeight;
    private Scorer? scorer;
    private int docBase;

    /// <param name="units">The units by document id.</param>
    /// <param name="entryCount">How many entries there are.</param>
    /// <param name="options">Weights and thresholds.</param>
    public EntryCollector(IReadOnlyList<Unit> units, int entryCount, AnswererOptions options)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(options);
        this.units = units as Unit[] ?? [.. units];
        this.options = options;
        fieldBoost = [options.QuestionBoost, options.TitleBoost, options.KeywordBoost, options.TextBoost];
        entryScores = new float[entryCount];
        kindScores = new float[entryCount * Kinds];
        entryUnits = new int[entryCount];
        Array.Fill(entryUnits, -1);
        questionExponent = options.QuestionCoverageExponent;
        unitExponent = 1f - options.QuestionCoverageExponent;
        similarityBounded = questionExponent is >= 0f and <= 1f;
        entriesInOrder = similarityBounded && options.CorroborationShare >= 0f && EntriesInOrder(this.units);
        unitPowerBound = new float[CoverageBuckets + 1];
        for (var b = 0; b <= CoverageBuckets; b++)
        {
            unitPowerBound[b] = MathF.Pow(Math.Min(1f, (b + 1) / (float)CoverageBuckets), unitExponent) * BoundSlack;
        }

        Array.Fill(ceilingKeys, EmptySlot);
        powerKeys = new int[PowerSlots];
        Array.Fill(powerKeys, EmptySlot);
        powerValues = new float[PowerSlots];
    }

    /// <param name="units">The units by document id.</param>
    /// <param name="entryCount">How many entries there are.</param>
    /// <param name="queryWeight">The question's total weight.</param>
    /// <param name="commonConcepts">The question's concepts that were not searched: counted from each unit's bit mask.</param>
    /// <param name="options">Weights and thresholds.</param>
    public EntryCollector(IReadOnlyList<Unit> units, int entryCount, float queryWeight, IReadOnlyList<CommonConcept> commonConcepts, AnswererOptions options)
        : this(units, entryCount, options) => Start(queryWeight, commonConcepts);

    /// <summary>
    /// Per entry, its score (0 when none of its units matched); after <see cref="Finish"/>, complete for the entries
    /// of <see cref="Ranking"/> (an entry that could not be among them may be left unscored).
    /// </summary>
    public IReadOnlyList<float> EntryScores => entryScores;

    /// <summary>Per entry, the document id of its best unit (−1 when none matched); complete for the entries of <see cref="Ranking"/>.</summary>
    public IReadOnlyList<int> EntryUnits => entryUnits;

    /// <summary>
    /// After <see cref="Finish"/>: the best entries that scored above 0 (at most <see cref="RankingSize"/>), by score,
    /// then by index; empty when none did.
    /// </summary>
    public IReadOnlyList<int> Ranking => ranking;

    /// <summary>How many units were collected.</summary>
    public int MatchedUnits { get; private set; }

    /// <summary>
    /// The paragraphs (text units) that matched, with the fraction of the question each covers: complete for the
    /// entries of <see cref="Ranking"/>.
    /// </summary>
    public IReadOnlyList<(int Doc, float Match)> TextMatches => textMatches;

    // In order: the out-of-order BooleanScorer allocates a 2048-bucket table per search, far too much for our units.
    public bool AcceptsDocsOutOfOrder => false;

    public static float FieldBoost(AnswererOptions options, UnitKind kind) => kind switch
    {
        UnitKind.Question => options.QuestionBoost,
        UnitKind.Title => options.TitleBoost,
        UnitKind.Keyword => options.KeywordBoost,
        _ => options.TextBoost,
    };

    /// <summary>Prepares for a question (the collector must be new or cleared).</summary>
    /// <param name="weight">The question's total weight.</param>
    /// <param name="common">The question's concepts that were not searched: counted from each unit's bit mask.</param>
    public void Start(float weight, IReadOnlyList<CommonConcept> common)
    {
        ArgumentNullException.ThrowIfNull(common);
        queryWeight = weight;
        ceilingKeys.AsSpan().Fill(EmptySlot);
        weakUpTo.AsSpan().Fill(float.NegativeInfinity);

        // Arrays: the credit is counted for every collected unit, and an interface's enumerator would be allocated each time.
        commonMasks = common.Count == 0 ? [] : common.Select(c => c.Mask).ToArray();
        commonCredits = common.Count == 0 ? [] : common.Select(c => c.Credits.ToArray()).ToArray();
        creditBound = 0f;
        foreach (var credits in commonCredits)
        {
            creditBound += credits.Length == 0 ? 0f : Math.Max(0f, credits.Max(c => c.Credit));
        }
    }

    /// <summary>Clears what the last question touched, ready for the next.</summary>
    public void Clear()
    {
        foreach (var entry in touchedEntries)
        {
            entryScores[entry] = 0f;
            entryUnits[entry] = -1;
            kindScores.AsSpan(entry * Kinds, Kinds).Clear();
        }

        touchedEntries.Clear();
        textMatches.Clear();
        ranking.Clear();
        pending.Clear();
        pendingMost.AsSpan().Fill(float.NegativeInfinity);
        pendingEntry = -1;
        ceilingKeys.AsSpan().Fill(EmptySlot);
        weakUpTo.AsSpan().Fill(float.NegativeInfinity);
        MatchedUnits = 0;
        commonMasks = [];
        commonCredits = [];
        scorer = null;
        docBase = 0;
    }

    public void SetScorer(Scorer scorer) => this.scorer = scorer;

    public void SetNextReader(AtomicReaderContext context) => docBase = context.DocBase;

    public void Collect(int doc)
    {
        var id = docBase + doc;
        var searched = scorer!.GetScore();
        MatchedUnits++;
        if (!entriesInOrder)
        {
            Score(id, searched);
            return;
        }

        // An entry's units are consecutive documents: its units are kept until the next entry's first.
        ref readonly var unit = ref units[id];
        if (unit.Entry != pendingEntry)
        {
            FlushEntry();
            pendingEntry = unit.Entry;
        }

        pending.Add((id, searched));
        ref var most = ref pendingMost[(int)unit.Kind];
        most = Math.Max(most, searched);
    }

    /// <summary>
    /// Scores the pending entry's units, unless even their upper bounds could not put the entry among the best kept
    /// (then it does not matter what it scores: it is neither ranked nor shown).
    /// </summary>
    private void FlushEntry()
    {
        if (pending.Count == 0)
        {
            return;
        }

        var last = ranking.Count < RankingSize ? -1f : entryScores[ranking[RankingSize - 1]];
        if (last < 0 || (CoarseBound() > last && UpperBound() > last))
        {
            foreach (var (id, searched) in pending)
            {
                Score(id, searched);
            }

            FinishEntry(pendingEntry);
        }

        pending.Clear();
        pendingMost.AsSpan().Fill(float.NegativeInfinity);
    }

    /// <summary>
    /// Above <see cref="UpperBound"/>, from each field's highest search score alone: every unit of a field counted
    /// with that score, every common concept's best credit and a full unit coverage.
    /// </summary>
    private float CoarseBound() => BoundFor(pendingMost);

    /// <summary>
    /// Whether whole entries may be skipped by their bounds (each entry's units consecutive, the bounds valid): then
    /// <see cref="Threshold"/>, <see cref="EntryBound"/> and <see cref="EndEntry"/> let a search skip them too.
    /// </summary>
    internal bool PrunesEntries => entriesInOrder;

    /// <summary>
    /// The score an entry must beat to be kept (the last of <see cref="Ranking"/> when it is full), or −1 while any
    /// entry that scores above 0 is kept. Entries come in order, so one that only ties it loses to it.
    /// </summary>
    internal float Threshold => ranking.Count < RankingSize ? -1f : entryScores[ranking[RankingSize - 1]];

    /// <summary>Ends the pending entry (its units are all collected): it is scored, or skipped, now.</summary>
    internal void EndEntry()
    {
        FlushEntry();
        pendingEntry = -1;
    }

    /// <summary>
    /// Above the score of an entry whose units of each field score at most <paramref name="most"/> in the search
    /// (−∞: none of the field's units match), weigh at least <paramref name="lightest"/> (+∞: none weighs above 0)
    /// and hold at most the common terms <paramref name="common"/>: <see cref="CoarseBound"/> with the entry's own
    /// common credit and unit coverage instead of every common concept's best credit and a full coverage. Grows with
    /// each of <paramref name="most"/> and <paramref name="common"/> and falls with <paramref name="lightest"/>, so it
    /// holds for every entry whose units are within them. +∞ when it cannot be bounded.
    /// </summary>
    internal float EntryBound(ReadOnlySpan<float> most, ReadOnlySpan<float> lightest, ReadOnlySpan<ulong> common)
    {
        Span<float> bounds = stackalloc float[Kinds];
        for (var k = 0; k < Kinds; k++)
        {
            if (!float.IsNegativeInfinity(most[k]))
            {
                bounds[k] = KindBound(k, most[k], lightest[k], common[k]);
            }
        }

        return Total(bounds);
    }

    /// <summary>
    /// A test far cheaper than <see cref="EntryBound"/> that passes over most entries a search matches: true when no
    /// entry whose fields' highest search scores are <paramref name="most"/> (−∞: none of the field's units match) can
    /// beat <paramref name="threshold"/>, whatever its units weigh and whatever common terms they hold. Each field's
    /// bound without the entry's statistics (<see cref="FieldCeiling"/>) depends on its search score alone, which
    /// takes few values in a question, so it is kept and looked up. The thresholds of a question must not fall (as
    /// the collector's does not). False says nothing: <see cref="EntryBound"/> decides.
    /// </summary>
    internal bool CannotBeat(ReadOnlySpan<float> most, float threshold)
    {
        // First, one comparison per field: each field's score at most one already found too low to carry an entry
        // alone (the threshold only rises during a question, so a score too low stays too low).
        if (most[0] <= weakUpTo[0] && most[1] <= weakUpTo[1] && most[2] <= weakUpTo[2] && most[3] <= weakUpTo[3])
        {
            return true;
        }

        var alone = threshold / ((1f + options.CorroborationShare) * CeilingSlack);
        Span<float> bounds = stackalloc float[Kinds];
        for (var k = 0; k < Kinds; k++)
        {
            var searched = most[k];
            if (float.IsNegativeInfinity(searched))
            {
                continue;
            }

            if (float.IsNaN(searched))
            {
                return false;
            }

            var key = BitConverter.SingleToInt32Bits(searched);
            var slot = (k * CeilingSlots) + (int)(unchecked((uint)key * 2654435761u) >> (32 - CeilingBits));
            if (ceilingKeys[slot] != key)
            {
                ceilingValues[slot] = FieldCeiling(k, searched);
                ceilingKeys[slot] = key;
            }

            bounds[k] = ceilingValues[slot];
            if (bounds[k] <= alone && searched > weakUpTo[k])
            {
                weakUpTo[k] = searched;
            }
        }

        return Total(bounds) * CeilingSlack <= threshold;
    }

    /// <summary>
    /// Above <see cref="KindBound"/> for a unit of the field <paramref name="kind"/> that scores
    /// <paramref name="searched"/> in the search, whatever it weighs and whatever common terms it holds: every common
    /// concept's best credit and a full unit coverage. Grows with <paramref name="searched"/>; +∞ when it cannot be
    /// bounded.
    /// </summary>
    private float FieldCeiling(int kind, float searched)
    {
        var boost = fieldBoost[kind];
        var matched = (searched / boost) + creditBound;
        if (!(matched >= 0f) || float.IsPositiveInfinity(matched))
        {
            return float.PositiveInfinity;
        }

        var questionCoverage = Math.Min(1f, matched / queryWeight);
        var bound = kind == (int)UnitKind.Text
            ? boost * (questionCoverage * Math.Min(1f, matched / options.TextEvidence))
            : boost * QuestionPower(questionCoverage) * unitPowerBound[CoverageBuckets];
        return bound >= 0f ? bound * BoundSlack : float.PositiveInfinity;
    }

    /// <summary>
    /// Above any unit of the field <paramref name="kind"/> that scores at most <paramref name="searched"/>
    /// in the search, weighs at least <paramref name="lightest"/> (or 0) and holds at most the common terms
    /// <paramref name="common"/>; +∞ when it cannot be bounded.
    /// </summary>
    private float KindBound(int kind, float searched, float lightest, ulong common)
    {
        var boost = fieldBoost[kind];
        var matched = (searched / boost) + CommonCredit(common);
        var questionCoverage = Math.Min(1f, matched / queryWeight);
        float bound;
        if (kind == (int)UnitKind.Text)
        {
            bound = boost * (questionCoverage * Math.Min(1f, matched / options.TextEvidence));
        }
        else
        {
            // A unit that weighs 0 covers 0: the first bucket's bound holds for it too.
            var unitCoverage = Math.Min(1f, matched / lightest);
            if (unitCoverage is not (>= 0f and <= 1f))
            {
                return float.PositiveInfinity;
            }

            bound = boost * QuestionPower(questionCoverage) * unitPowerBound[(int)(unitCoverage * CoverageBuckets)];
        }

        return bound >= 0f ? bound * BoundSlack : float.PositiveInfinity;
    }

    /// <summary><see cref="CoarseBound"/> for any per-field highest search scores (−∞: none of the field's units matched).</summary>
    private float BoundFor(ReadOnlySpan<float> most)
    {
        Span<float> bounds = stackalloc float[Kinds];
        for (var k = 0; k < Kinds; k++)
        {
            var searched = most[k];
            if (float.IsNegativeInfinity(searched))
            {
                // None of the entry's units of this field matched.
                continue;
            }

            var boost = fieldBoost[k];
            var matched = (searched / boost) + creditBound;
            var questionCoverage = Math.Min(1f, matched / queryWeight);
            var bound = k == (int)UnitKind.Text
                ? boost * (questionCoverage * Math.Min(1f, matched / options.TextEvidence))
                : boost * QuestionPower(questionCoverage);
            if (!(bound >= 0f))
            {
                return float.PositiveInfinity;
            }

            bounds[k] = bound * BoundSlack;
        }

        return Total(bounds);
    }
    /// <summary>
    /// Above the pending entry's score: the same sum of its best and second-best field, from each unit's upper bound
    /// (a paragraph's exact score). Entries come in order, so one that only ties the last kept loses to it.
    /// </summary>
    private float UpperBound()
    {
        Span<float> bounds = stackalloc float[Kinds];
        foreach (var (id, searched) in pending)
        {
            ref readonly var unit = ref units[id];
            var kind = unit.Kind;
            var boost = fieldBoost[(int)kind];
            var matched = (searched / boost) + CommonCredit(unit.CommonTerms);
            var questionCoverage = Math.Min(1f, matched / queryWeight);
            float bound;
            if (kind == UnitKind.Text)
            {
                bound = boost * (questionCoverage * Math.Min(1f, matched / options.TextEvidence));
            }
            else
            {
                var unitCoverage = unit.Weight > 0 ? Math.Min(1f, matched / unit.Weight) : 0f;
                if (unitCoverage is not (>= 0f and <= 1f))
                {
                    return float.PositiveInfinity;
                }

                bound = boost * QuestionPower(questionCoverage) * unitPowerBound[(int)(unitCoverage * CoverageBuckets)];
            }

            if (!(bound >= 0f))
            {
                return float.PositiveInfinity;
            }

            bounds[(int)kind] = Math.Max(bounds[(int)kind], bound);
        }

        return Total(bounds);
    }

    /// <summary>An entry's score from its fields' best scores: the best plus a share of the second-best.</summary>
    private float Total(ReadOnlySpan<float> fields)
    {
        var second = 0f;
        var first = Math.Max(Math.Max(fields[0], fields[1]), Math.Max(fields[2], fields[3]));
        var skipped = false;
        for (var k = 0; k < Kinds; k++)
        {
            var value = fields[k];
            if (!skipped && value == first)
            {
                skipped = true;
                continue;
            }

            second = Math.Max(second, value);
        }

        return first + (options.CorroborationShare * second);
    }

    private void Score(int id, float searched)
    {
        ref readonly var unit = ref units[id];
        var kind = unit.Kind;
        var boost = fieldBoost[(int)kind];
        var matched = (searched / boost) + CommonCredit(unit.CommonTerms);
        var questionCoverage = Math.Min(1f, matched / queryWeight);
        ref var kindScore = ref kindScores[(unit.Entry * Kinds) + (int)kind];

        float similarity;
        if (kind == UnitKind.Text)
        {
            if (questionCoverage > 0)
            {
                textMatches.Add((id, questionCoverage));
            }

            similarity = questionCoverage * Math.Min(1f, matched / options.TextEvidence);
        }
        else
        {
            var unitCoverage = unit.Weight > 0 ? Math.Min(1f, matched / unit.Weight) : 0f;
            var questionPower = QuestionPower(questionCoverage);
            if (similarityBounded && unitCoverage is >= 0f and <= 1f
                && boost * questionPower * unitPowerBound[(int)(unitCoverage * CoverageBuckets)] <= kindScore)
            {
                // Cannot beat this entry's best unit of the field (the unit's power is at most its bucket's bound).
                return;
            }

            similarity = questionPower * MathF.Pow(unitCoverage, unitExponent);
        }

        var score = boost * similarity;
        if (score > kindScore)
        {
            kindScore = score;
            ref var entryScore = ref entryScores[unit.Entry];
            if (score > entryScore)
            {
                if (entryUnits[unit.Entry] < 0)
                {
                    touchedEntries.Add(unit.Entry);
                }

                entryScore = score;
                entryUnits[unit.Entry] = id;
            }
        }
    }

    private static bool EntriesInOrder(Unit[] units)
    {
        var seen = new HashSet<int>();
        for (var id = 0; id < units.Length; id++)
        {
            if ((id == 0 || units[id].Entry != units[id - 1].Entry) && !seen.Add(units[id].Entry))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>An impossible key: a NaN, and NaNs are never cached.</summary>
    private const int EmptySlot = -1;

    /// <summary><c>MathF.Pow(coverage, QuestionCoverageExponent)</c>, the same bits, from the cache when it was taken before.</summary>
    private float QuestionPower(float coverage)
    {
        if (float.IsNaN(coverage))
        {
            return MathF.Pow(coverage, questionExponent);
        }

        var key = BitConverter.SingleToInt32Bits(coverage);
        var slot = (int)(unchecked((uint)key * 2654435761u) >> 22);
        if (powerKeys[slot] != key)
        {
            powerValues[slot] = MathF.Pow(coverage, questionExponent);
            powerKeys[slot] = key;
        }

        return powerValues[slot];
    }

    private float CommonCredit(ulong unitTerms)
    {
        var credit = 0f;
        for (var c = 0; c < commonMasks.Length; c++)
        {
            var hit = unitTerms & commonMasks[c];
            if (hit == 0)
            {
                continue;
            }

            var best = 0f;
            foreach (var (bit, value) in commonCredits[c])
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

    /// <summary>
    /// Completes the scores and keeps the best entries in <see cref="Ranking"/>: each entry scores its best field
    /// score plus a share of its second-best.
    /// </summary>
    public void Finish()
    {
        if (entriesInOrder)
        {
            FlushEntry();
            pendingEntry = -1;
            return;
        }

        foreach (var e in touchedEntries)
        {
            FinishEntry(e);
        }
    }

    private void FinishEntry(int e)
    {
        if (entryUnits[e] < 0)
        {
            return;
        }

        var second = 0f;
        var first = entryScores[e];
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

        var total = first + (options.CorroborationShare * second);
        entryScores[e] = total;
        if (total > 0)
        {
            Rank(e, total);
        }
    }

    /// <summary>Puts <paramref name="entry"/> among the best kept, when it is one: higher score first, then lower index.</summary>
    private void Rank(int entry, float score)
    {
        var at = ranking.Count;
        while (at > 0 && Before(entry, score, ranking[at - 1]))
        {
            at--;
        }

        if (at >= RankingSize)
        {
            return;
        }

        if (ranking.Count == RankingSize)
        {
            ranking.RemoveAt(RankingSize - 1);
        }

        ranking.Insert(at, entry);
    }

    private bool Before(int entry, float score, int other) =>
        score > entryScores[other] || (score == entryScores[other] && entry < other);
}

/// <summary>A concept of the question made only of common terms: its terms' bits and what each is worth.</summary>
internal sealed record CommonConcept(ulong Mask, IReadOnlyList<(int Bit, float Credit)> Credits);
