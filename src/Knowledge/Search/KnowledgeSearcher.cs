using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace B12Bot.Knowledge.Search;

/// <summary>
/// The index's searcher. The answerer's query — a sum of concepts, each the best of its term queries
/// (<c>BooleanQuery</c> of <c>DisjunctionMaxQuery</c> of <c>TermQuery</c>, no coordination, no tie-breaker) — is
/// scored here straight from the postings: each concept keeps its best term per document, the concepts are summed,
/// and the collector gets the matching documents in order with exactly the score Lucene's scorers give (under
/// <see cref="TermWeightSimilarity"/> a term scores its weight × its boost; the sums are taken in double precision,
/// as Lucene's disjunction does, so the order of addition cannot change them). That skips the scorer tree's per-document
/// heap work, which dominates when a term matches tens of thousands of units. Any other query goes to Lucene.
/// Thread-safe: each search takes work arrays of its own from a pool.
/// </summary>
internal sealed class KnowledgeSearcher : IndexSearcher
{
    private readonly IndexReader reader;
    private readonly TermWeights weights;
    private readonly Func<Term, TermContext?> contexts;

    /// <summary>Work arrays not in use: as many as searches ran at once, not one per thread that ever searched.</summary>
    private readonly System.Collections.Concurrent.ConcurrentBag<Work> idle = [];

    /// <param name="reader">The index.</param>
    /// <param name="weights">The term weights the similarity scores with.</param>
    /// <param name="contexts">Where each indexed term's postings are (located once when the index opens).</param>
    public KnowledgeSearcher(IndexReader reader, TermWeights weights, Func<Term, TermContext?> contexts)
        : base(reader)
    {
        this.reader = reader;
        this.weights = weights;
        this.contexts = contexts;
    }

    /// <summary>False sends every query through Lucene's scorers (to measure the difference).</summary>
    internal bool ScoreFromPostings { get; set; } = true;

    public override void Search(Query query, ICollector results)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (!ScoreFromPostings || !IsSumOfBestTerms(query))
        {
            base.Search(query, results);
            return;
        }

        var concepts = ((BooleanQuery)query).Clauses.Select(c => ((DisjunctionMaxQuery)c.Query).Disjuncts.Cast<TermQuery>().ToList()).ToList();
        var work = idle.TryTake(out var existing) ? existing : new Work(reader.MaxDoc);
        foreach (var leaf in reader.Leaves)
        {
            // When a collector throws, the arrays may be left half-cleared: they are not put back.
            SearchLeaf(leaf, concepts, results, work);
        }

        idle.Add(work);
    }

    /// <summary>Whether the query has the shape this searcher scores itself, with Lucene's results.</summary>
    private bool IsSumOfBestTerms(Query query) =>
        Similarity is TermWeightSimilarity
        && query is BooleanQuery { CoordDisabled: true, MinimumNumberShouldMatch: 0, Boost: 1f } boolean
        && boolean.Clauses.Count > 0
        && boolean.Clauses.All(c => c.Occur == Occur.SHOULD
            && c.Query is DisjunctionMaxQuery { TieBreakerMultiplier: 0f, Boost: 1f } disjunction
            && disjunction.Disjuncts.Count > 0
            && disjunction.Disjuncts.All(d => d is TermQuery));

    private void SearchLeaf(AtomicReaderContext leaf, List<List<TermQuery>> concepts, ICollector results, Work w)
    {
        var atomic = leaf.AtomicReader;
        var maxDoc = atomic.MaxDoc;
        var live = atomic.LiveDocs;
        var concept = 0;
        var slots = w.Slots;
        foreach (var terms in concepts)
        {
            concept++;
            w.Touched.Clear();
            foreach (var termQuery in terms)
            {
                var term = termQuery.Term;
                var state = contexts(term)?.Get(leaf.Ord);
                if (state is null)
                {
                    // Not in this segment (or not located in advance: then Lucene finds it).
                    if (contexts(term) is not null)
                    {
                        continue;
                    }

                    state = TermContext.Build(reader.Context, term).Get(leaf.Ord);
                    if (state is null)
                    {
                        continue;
                    }
                }

                if (!w.Enums.TryGetValue((leaf.Ord, term.Field), out var iterator))
                {
                    iterator = atomic.GetTerms(term.Field)?.GetEnumerator();
                    if (iterator is null)
                    {
                        continue;
                    }

                    w.Enums[(leaf.Ord, term.Field)] = iterator;
                }

                iterator.SeekExact(term.Bytes, state);
                var score = termQuery.Boost * weights.Of(term.Text);
                var docs = w.Docs = iterator.Docs(live, w.Docs, DocsFlags.NONE);
                int doc;
                while ((doc = docs.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
                {
                    ref var slot = ref slots[doc];
                    if (slot.Stamp != concept)
                    {
                        slot.Stamp = concept;
                        slot.Best = score;
                        w.Touched.Add(doc);
                    }
                    else if (score > slot.Best)
                    {
                        slot.Best = score;
                    }
                }
            }

            foreach (var doc in w.Touched)
            {
                ref var slot = ref slots[doc];
                slot.Sum += slot.Best;
                w.Matched[doc >> 6] |= 1UL << (doc & 63);
            }
        }

        var scorer = new FixedScorer();
        results.SetNextReader(leaf);
        results.SetScorer(scorer);
        for (var word = 0; word < w.Matched.Length && word << 6 < maxDoc; word++)
        {
            var bits = w.Matched[word];
            if (bits == 0)
            {
                continue;
            }

            w.Matched[word] = 0;
            while (bits != 0)
            {
                var doc = (word << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
                ref var slot = ref slots[doc];
                scorer.Set(doc, (float)slot.Sum);
                slot.Sum = 0;
                slot.Stamp = 0;
                results.Collect(doc);
            }
        }
    }

    /// <summary>
    /// One document's place in a search: the concept that last matched it, that concept's best term score, and the
    /// sum over the concepts. Together, so that a document costs one cache line, not three.
    /// </summary>
    private struct Slot
    {
        public int Stamp;
        public float Best;
        public double Sum;
    }

    /// <summary>One search's arrays over the documents (of the whole index), left cleared after every search.</summary>
    private sealed class Work(int size)
    {
        public Slot[] Slots { get; } = new Slot[size];

        public ulong[] Matched { get; } = new ulong[(size + 63) >> 6];

        public List<int> Touched { get; } = [];

        /// <summary>A terms enumerator per segment and field, positioned anew for every term.</summary>
        public Dictionary<(int Leaf, string Field), TermsEnum> Enums { get; } = [];

        public DocsEnum? Docs { get; set; }
    }

    /// <summary>Hands the collector the current document's score.</summary>
    private sealed class FixedScorer : Scorer
    {
        private int doc = -1;
        private float score;

        public FixedScorer()
            : base(null)
        {
        }

        public override int DocID => doc;

        public void Set(int current, float value)
        {
            doc = current;
            score = value;
        }

        public override float GetScore() => score;

        public override int Freq => 1;

        public override int NextDoc() => throw new NotSupportedException();

        public override int Advance(int target) => throw new NotSupportedException();

        public override long GetCost() => 1;
    }
}
