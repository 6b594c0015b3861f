using B12Bot.Knowledge.Search;
using Lucene.Net.Search;

namespace B12Bot.Knowledge.Tests.Search;

/// <summary>
/// The collector keeps only the best few entries, skips units and whole entries that cannot matter, and is reused
/// question after question: its ranking, scores, best units and paragraph matches must be exactly those of scoring
/// every unit and sorting every entry (here written out plainly), ties included.
/// </summary>
public sealed class EntryCollectorTests
{
    private const int Kinds = 4;

    public static TheoryData<int, bool> Cases => new()
    {
        { 1, true }, { 2, true }, { 3, true }, { 4, true }, { 5, true }, { 6, true },
        { 1, false }, { 2, false }, { 3, false }, { 4, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Ranks_exactly_as_scoring_every_unit_and_sorting_every_entry(int seed, bool entriesInOrder)
    {
        var random = new Random(seed);
        var options = new AnswererOptions();
        var entryCount = random.Next(20, 200);
        var units = Units(random, entryCount, entriesInOrder);
        var collector = new EntryCollector(units, entryCount, options);

        // Consecutive questions on one collector, as the answerer reuses it.
        for (var question = 0; question < 30; question++)
        {
            var (weight, common, matches) = Question(random, units);
            collector.Start(weight, common);
            Run(collector, matches);

            var expected = Reference(units, entryCount, weight, common, matches, options);
            var ranked = expected.Ranking.Take(EntryCollector.RankingSize).ToList();
            Assert.Equal(ranked, collector.Ranking);
            foreach (var entry in ranked)
            {
                Assert.Equal(expected.Scores[entry], collector.EntryScores[entry]);
                Assert.Equal(expected.Units[entry], collector.EntryUnits[entry]);
                var paragraphs = collector.TextMatches.Where(t => units[t.Doc].Entry == entry).OrderBy(t => t.Doc).ToList();
                Assert.Equal(expected.TextMatches.Where(t => units[t.Doc].Entry == entry).ToList(), paragraphs);
            }

            collector.Clear();
        }
    }

    [Fact]
    public void A_cleared_collector_answers_as_a_new_one()
    {
        var random = new Random(11);
        var options = new AnswererOptions();
        var units = Units(random, 60, entriesInOrder: true);
        var reused = new EntryCollector(units, 60, options);
        var questions = Enumerable.Range(0, 10).Select(_ => Question(random, units)).ToList();
        foreach (var (weight, common, matches) in questions.Concat(questions))
        {
            var fresh = new EntryCollector(units, 60, weight, common, options);
            Run(fresh, matches);
            reused.Start(weight, common);
            Run(reused, matches);

            Assert.Equal(fresh.Ranking, reused.Ranking);
            Assert.Equal(fresh.Ranking.Select(e => fresh.EntryScores[e]), reused.Ranking.Select(e => reused.EntryScores[e]));
            Assert.Equal(fresh.Ranking.Select(e => fresh.EntryUnits[e]), reused.Ranking.Select(e => reused.EntryUnits[e]));
            Assert.Equal(fresh.TextMatches, reused.TextMatches);
            reused.Clear();
            Assert.Empty(reused.Ranking);
            Assert.Empty(reused.TextMatches);
            Assert.All(Enumerable.Range(0, 60), e => Assert.Equal(-1, reused.EntryUnits[e]));
            Assert.All(Enumerable.Range(0, 60), e => Assert.Equal(0f, reused.EntryScores[e]));
        }
    }

    [Fact]
    public void Nothing_matched_leaves_the_ranking_empty()
    {
        var units = Units(new Random(3), 10, entriesInOrder: true);
        var collector = new EntryCollector(units, 10, 2f, [], new AnswererOptions());
        collector.Finish();
        Assert.Empty(collector.Ranking);
    }

    /// <summary>Entries with a few units each, of every kind; in order, an entry's units are consecutive documents.</summary>
    private static Unit[] Units(Random random, int entryCount, bool entriesInOrder)
    {
        var units = new List<Unit>();
        for (var entry = 0; entry < entryCount; entry++)
        {
            var paragraph = 0;
            for (var u = random.Next(1, 12); u > 0; u--)
            {
                var kind = (UnitKind)random.Next(Kinds);
                units.Add(new Unit(
                    entry,
                    kind,
                    kind == UnitKind.Text ? paragraph++ : -1,
                    random.Next(4) == 0 ? 0f : (float)(0.5 + (random.Next(8) * 0.75)),
                    (ulong)random.Next(16),
                    string.Empty));
            }
        }

        return entriesInOrder ? [.. units] : [.. units.OrderBy(_ => random.Next())];
    }

    /// <summary>A question: its weight, its common concepts, and the matching documents (in order) with few distinct scores, so that ties abound.</summary>
    private static (float Weight, List<CommonConcept> Common, List<(int Doc, float Score)> Matches) Question(Random random, Unit[] units)
    {
        var common = new List<CommonConcept>();
        for (var c = random.Next(3); c > 0; c--)
        {
            var credits = new List<(int Bit, float Credit)> { (random.Next(4), 0.25f * random.Next(1, 4)), (random.Next(4), 0.5f) };
            common.Add(new CommonConcept(credits.Aggregate(0UL, (mask, b) => mask | (1UL << b.Bit)), credits));
        }

        var matches = Enumerable.Range(0, units.Length)
            .Where(_ => random.Next(3) > 0)
            .Select(doc => (doc, random.Next(6) * 0.375f))
            .ToList();
        return (1f + (random.Next(8) * 0.5f), common, matches);
    }

    private static void Run(EntryCollector collector, List<(int Doc, float Score)> matches)
    {
        var scorer = new GivenScorer();
        collector.SetScorer(scorer);
        foreach (var (doc, score) in matches)
        {
            scorer.Score = score;
            collector.Collect(doc);
        }

        collector.Finish();
    }

    /// <summary>Every unit scored with both powers, every entry finished, every matched entry sorted by score and then index.</summary>
    private static (List<int> Ranking, float[] Scores, int[] Units, List<(int Doc, float Match)> TextMatches) Reference(
        Unit[] units, int entryCount, float weight, List<CommonConcept> common, List<(int Doc, float Score)> matches, AnswererOptions options)
    {
        var boosts = new[] { options.QuestionBoost, options.TitleBoost, options.KeywordBoost, options.TextBoost };
        var scores = new float[entryCount];
        var best = Enumerable.Repeat(-1, entryCount).ToArray();
        var kindScores = new float[entryCount * Kinds];
        var textMatches = new List<(int, float)>();
        foreach (var (doc, searched) in matches)
        {
            var unit = units[doc];
            var boost = boosts[(int)unit.Kind];
            var credit = 0f;
            foreach (var concept in common)
            {
                var hit = unit.CommonTerms & concept.Mask;
                credit += hit == 0 ? 0f : concept.Credits.Where(c => (hit & (1UL << c.Bit)) != 0).Select(c => c.Credit).DefaultIfEmpty(0f).Max();
            }

            var matched = (searched / boost) + credit;
            var questionCoverage = Math.Min(1f, matched / weight);
            float similarity;
            if (unit.Kind == UnitKind.Text)
            {
                if (questionCoverage > 0)
                {
                    textMatches.Add((doc, questionCoverage));
                }

                similarity = questionCoverage * Math.Min(1f, matched / options.TextEvidence);
            }
            else
            {
                var unitCoverage = unit.Weight > 0 ? Math.Min(1f, matched / unit.Weight) : 0f;
                similarity = MathF.Pow(questionCoverage, options.QuestionCoverageExponent) * MathF.Pow(unitCoverage, 1f - options.QuestionCoverageExponent);
            }

            var score = boost * similarity;
            ref var kindScore = ref kindScores[(unit.Entry * Kinds) + (int)unit.Kind];
            if (score > kindScore)
            {
                kindScore = score;
                if (score > scores[unit.Entry])
                {
                    scores[unit.Entry] = score;
                    best[unit.Entry] = doc;
                }
            }
        }

        for (var e = 0; e < entryCount; e++)
        {
            var first = scores[e];
            var fields = kindScores.Skip(e * Kinds).Take(Kinds).ToList();
            fields.RemoveAt(fields.IndexOf(first) is var at && at >= 0 ? at : 0);
            scores[e] = first + (options.CorroborationShare * fields.Max());
        }

        var ranking = Enumerable.Range(0, entryCount).Where(e => scores[e] > 0).OrderByDescending(e => scores[e]).ThenBy(e => e).ToList();
        return (ranking, scores, best, textMatches);
    }

    private sealed class GivenScorer : Scorer
    {
        public GivenScorer()
            : base(null)
        {
        }

        public float Score { get; set; }

        public override int DocID => -1;

        public override int Freq => 1;

        public override float GetScore() => Score;

        public override int NextDoc() => throw new NotSupportedException();

        public override int Advance(int target) => throw new NotSupportedException();

        public override long GetCost() => 1;
    }
}
