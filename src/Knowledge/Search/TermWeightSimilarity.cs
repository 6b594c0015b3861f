using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;

namespace B12Bot.Knowledge.Search;

/// <summary>
/// A similarity that makes a matching term worth exactly its weight times the query's boosts: no term frequency,
/// no length norm, no query norm, no coordination. So a document's score is the weighted sum of the question's
/// concepts it contains, which the answerer can compare with what the question and the unit hold in total.
/// The weights are ours (how few entries use the term), not Lucene's per-document statistics, which mean little
/// in an index of a few hundred short units. Immutable and thread-safe.
/// </summary>
internal sealed class TermWeightSimilarity : Similarity
{
    private readonly TermWeights weights;

    public TermWeightSimilarity(TermWeights weights)
    {
        this.weights = weights;
    }

    public override long ComputeNorm(FieldInvertState state) => 1;

    public override SimWeight ComputeWeight(float queryBoost, CollectionStatistics collectionStats, params TermStatistics[] termStats)
    {
        ArgumentNullException.ThrowIfNull(termStats);
        var sum = 0f;
        foreach (var stats in termStats)
        {
            sum += weights.Of(stats.Term.Utf8ToString());
        }

        return new Weight(queryBoost * sum);
    }

    public override SimScorer GetSimScorer(SimWeight weight, AtomicReaderContext context) => new Scorer(((Weight)weight).Value);

    private sealed class Weight : SimWeight
    {
        public Weight(float value)
        {
            Value = value;
        }

        public float Value { get; private set; }

        public override float GetValueForNormalization() => Value * Value;

        public override void Normalize(float queryNorm, float topLevelBoost) => Value *= topLevelBoost;
    }

    private sealed class Scorer(float value) : SimScorer
    {
        public override float Score(int doc, float freq) => value;

        public override float ComputeSlopFactor(int distance) => 1f;

        public override float ComputePayloadFactor(int doc, int start, int end, BytesRef payload) => 1f;

        public override Explanation Explain(int doc, Explanation freq) => new(value, "term weight × boosts");
    }
}
