using B12Bot.Knowledge.Search;

namespace B12Bot.Knowledge.Tests.Search;

/// <summary>
/// Before an entry's bound from its own statistics, the searcher asks the collector a cheaper question: can any entry
/// whose fields score at most these in the search beat the threshold, whatever its units weigh and whatever common
/// terms they hold? Its answers are kept for the question (per search score, and per field the highest score too low),
/// as the threshold only rises. Whenever it says no, the entry's own bound must not beat the threshold either — on
/// random questions with rising thresholds, one collector reused across them, and several weightings.
/// </summary>
public sealed class EntryCeilingTests
{
    private const int Kinds = 4;

    public static TheoryData<int, float, float> Cases => new()
    {
        { 1, 0.15f, 0.6f }, { 2, 0.15f, 0.6f }, { 3, 0.15f, 0.6f },
        { 4, 0f, 0.6f }, { 5, 0.5f, 0.3f }, { 6, 0.15f, 1f }, { 7, 0.3f, 0f },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void An_entry_the_cheap_test_passes_over_cannot_beat_the_threshold(int seed, float share, float exponent)
    {
        var random = new Random(seed);
        var options = new AnswererOptions { CorroborationShare = share, QuestionCoverageExponent = exponent };
        var units = new[] { new Unit(0, UnitKind.Question, -1, 1f, 0UL, "a") };
        var collector = new EntryCollector(units, 1, options);
        var (passedOver, left) = (0, 0);

        for (var question = 0; question < 40; question++)
        {
            var weight = 0.5f + (float)(random.NextDouble() * 8);
            var common = new List<CommonConcept>();
            for (var c = random.Next(3); c > 0; c--)
            {
                var credits = Enumerable.Range(0, random.Next(1, 3)).Select(_ => (Bit: random.Next(6), Credit: (float)(random.NextDouble() * 1.5))).ToList();
                common.Add(new CommonConcept(credits.Aggregate(0UL, (mask, b) => mask | (1UL << b.Bit)), credits));
            }

            collector.Start(weight, common);

            // Search scores from a few values, as a question's sums of term scores are, so the kept ceilings are
            // reused; the same values in every question, so a ceiling kept from another question would be found.
            var scores = Enumerable.Range(1, 12).Select(i => i * 0.5f).ToArray();
            var threshold = 0f;
            for (var entry = 0; entry < 300; entry++)
            {
                var most = new float[Kinds];
                var lightest = new float[Kinds];
                var held = new ulong[Kinds];
                for (var k = 0; k < Kinds; k++)
                {
                    most[k] = random.Next(4) == 0 ? float.NegativeInfinity : scores[random.Next(scores.Length)] * EntryCollector.FieldBoost(options, (UnitKind)k);
                    lightest[k] = random.Next(10) == 0 ? float.PositiveInfinity : 0.2f + (float)(random.NextDouble() * 8);
                    held[k] = (ulong)random.Next(64);
                }

                // The threshold rises through the question, as the collector's does.
                var bound = collector.EntryBound(most, lightest, held);
                threshold = Math.Max(threshold, random.Next(4) == 0 ? bound * (0.7f + (float)(random.NextDouble() * 0.6)) : threshold + (float)(random.NextDouble() * 0.004));
                if (collector.CannotBeat(most, threshold))
                {
                    passedOver++;
                    Assert.True(bound <= threshold, $"bound {bound} above threshold {threshold} for an entry passed over");
                }
                else
                {
                    left++;
                }
            }

            collector.Clear();
        }

        Assert.True(passedOver > 0, "the cheap test never passed over an entry");
        Assert.True(left > 0, "the cheap test passed over every entry");
    }
}
