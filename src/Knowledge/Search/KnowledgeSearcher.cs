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
/// <para>
/// For an <see cref="EntryCollector"/> that keeps only the best few entries, whole entries are passed over before
/// the collector sees them: each entry's units are consecutive documents, and statistics kept per entry and field
/// (its lightest unit and the common terms its units hold) with the entry's best search score in each field bound
/// what the entry can score. An entry whose bound cannot beat the collector's current threshold (the last of its best
/// kept) is skipped: the collector would have scored it without keeping it, so every result is the same.
/// </para>
/// Thread-safe: each search takes work arrays of its own from a pool. On a large index, where those arrays are
/// megabytes, no more searches run at once than the machine has cores (<see cref="MaxSearchesAtOnce"/>), so the
/// pool holds that many and not one per request in flight; a search is CPU work that more threads would not speed up.
/// </summary>
internal sealed class KnowledgeSearcher : IndexSearcher
{
    private readonly IndexReader reader;
    private readonly TermWeights weights;
    private readonly Func<Term, TermContext?> contexts;

    /// <summary>Per entry, the document after its last unit (null when an entry's units are not consecutive documents in entry order).</summary>
    private readonly int[]? entryEnd;

    /// <summary>
    /// Per entry and field (entry × 4 + kind): the least weight above 0 of its units there (+∞: none weighs above 0;
    /// −∞: the entry has no unit there), and the common terms its units there hold.
    /// </summary>
    private readonly float[] entryLightest = [];
    private readonly ulong[] entryCommon = [];

    /// <summary>The most units an entry has.</summary>
    private readonly int longestEntry;

    /// <summary>Per document, its unit's entry × 4 + kind: what the collecting pass reads of every matched unit, packed (a unit itself is ten times larger).</summary>
    private readonly int[] unitKeys = [];

    /// <summary>How many documents all kept terms may hold together, by default (32 MB of integers).</summary>
    internal const long DefaultKeepBudget = 8L << 20;

    /// <summary>
    /// The documents of each term read so far, by its located postings, up to <see cref="keepBudget"/> documents in
    /// all (a term beyond it is read from Lucene's postings at every search, as before any was kept).
    /// </summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<TermContext, int[]> kept = new(ReferenceEqualityComparer.Instance);

    private readonly long keepBudget;

    /// <summary>How many documents are kept, over all terms (what counts against the budget).</summary>
    private long keptDocuments;

    /// <summary>Work arrays not in use: as many as searches ran at once, not one per thread that ever searched.</summary>
    private readonly System.Collections.Concurrent.ConcurrentBag<Work> idle = [];

    /// <summary>From how many documents a search's work arrays (16 bytes a document) are bounded in number.</summary>
    internal const int BoundedWorkDocuments = LuceneAnswerer.LargeIndexUnits;

    /// <summary>How many searches may run at once on an index of at least <see cref="BoundedWorkDocuments"/> documents.</summary>
    internal static int MaxSearchesAtOnce => Math.Max(2, Environment.ProcessorCount);

    /// <summary>Bounds the searches at once (and so the work arrays) on a large index; null on a small one.</summary>
    private readonly SemaphoreSlim? searchesAtOnce;

    /// <param name="reader">The index.</param>
    /// <param name="weights">The term weights the similarity scores with.</param>
    /// <param name="contexts">Where each indexed term's postings are (located once when the index opens).</param>
    /// <param name="units">The units by document id (their entries are what a collector of entries skips).</param>
    /// <param name="keepBudget">How many documents the terms kept in memory may hold together.</param>
    /// <param name="boundedFrom">From how many documents the searches at once are bounded.</param>
    public KnowledgeSearcher(IndexReader reader, TermWeights weights, Func<Term, TermContext?> contexts, IReadOnlyList<Unit> units, long keepBudget = DefaultKeepBudget, int boundedFrom = BoundedWorkDocuments)
        : base(reader)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentOutOfRangeException.ThrowIfNegative(keepBudget);
        this.keepBudget = keepBudget;
        this.reader = reader;
        this.weights = weights;
        this.contexts = contexts;
        searchesAtOnce = reader.MaxDoc >= boundedFrom ? new SemaphoreSlim(MaxSearchesAtOnce, MaxSearchesAtOnce) : null;
        var byDoc = units as Unit[] ?? [.. units];
        entryEnd = EntryEnds(byDoc);
        if (entryEnd is not null)
        {
            for (var id = 0; id < byDoc.Length; id = entryEnd[byDoc[id].Entry])
            {
                longestEntry = Math.Max(longestEntry, entryEnd[byDoc[id].Entry] - id);
            }

            (entryLightest, entryCommon) = EntryStatistics(byDoc, entryEnd.Length);
            unitKeys = byDoc.Select(u => (u.Entry * KindCount) + (int)u.Kind).ToArray();
        }
    }

    /// <summary>How many terms' documents are kept in memory.</summary>
    internal int KeptTerms => kept.Count;

    /// <summary>How many documents are kept in memory, over all terms.</summary>
    internal long KeptDocuments => Interlocked.Read(ref keptDocuments);

    /// <summary>False sends every query through Lucene's scorers (to measure the difference).</summary>
    internal bool ScoreFromPostings { get; set; } = true;

    /// <summary>
    /// False hands an <see cref="EntryCollector"/> every matching unit, as any other collector (to measure the
    /// difference, and to check that skipping entries changes no result).
    /// </summary>
    internal bool SkipEntries { get; set; } = true;

    public override void Search(Query query, ICollector results)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (!ScoreFromPostings || !IsSumOfBestTerms(query))
        {
            base.Search(query, results);
            return;
        }

        var concepts = ((BooleanQuery)query).Clauses.Select(c => ((DisjunctionMaxQuery)c.Query).Disjuncts.Cast<TermQuery>().ToList()).ToList();
        searchesAtOnce?.Wait();
        try
        {
            var work = idle.TryTake(out var existing) ? existing : new Work(reader.MaxDoc, longestEntry);
            foreach (var leaf in reader.Leaves)
            {
                // When a collector throws, the arrays may be left half-cleared: they are not put back.
                SearchLeaf(leaf, concepts, results, work);
            }

            idle.Add(work);
        }
        finally
        {
            searchesAtOnce?.Release();
        }
    }

    /// <summary>How many work arrays are idle in the pool (after the searches, all it ever made).</summary>
    internal int IdleWorkCount => idle.Count;

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
        var matched = w.Matched;
        Span<int> perKind = stackalloc int[KindCount];
        foreach (var terms in concepts)
        {
            concept++;
            w.Touched.Clear();

            // A document holds the terms of one kind only (its field and the compound parts beside it): a concept
            // with one term of a kind gives that term's score to every document it matches, with no best to keep.
            perKind.Clear();
            foreach (var termQuery in terms)
            {
                if (KnowledgeIndex.KindOfField(termQuery.Term.Field) is var kind and >= 0)
                {
                    perKind[kind]++;
                }
            }

            foreach (var termQuery in terms)
            {
                var term = termQuery.Term;
                var docs = Postings(leaf, atomic, live, term, w);
                if (docs.IsEmpty)
                {
                    continue;
                }

                var score = termQuery.Boost * weights.Of(term.Text);
                var kind = KnowledgeIndex.KindOfField(term.Field);
                if (kind >= 0 && perKind[kind] == 1)
                {
                    foreach (var doc in docs)
                    {
                        slots[doc].Sum += score;
                        matched[doc >> 6] |= 1UL << (doc & 63);
                    }

                    continue;
                }

                foreach (var doc in docs)
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
                matched[doc >> 6] |= 1UL << (doc & 63);
            }
        }

        var scorer = new FixedScorer();
        results.SetNextReader(leaf);
        results.SetScorer(scorer);
        if (SkipEntries && entryEnd is not null && leaf.DocBase == 0 && maxDoc == unitKeys.Length
            && results is EntryCollector { PrunesEntries: true } entries)
        {
            CollectEntries(entries, scorer, w, maxDoc);
            return;
        }

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
    /// The documents of <paramref name="term"/> in <paramref name="leaf"/>, in order: kept in memory after their first
    /// read for a term located when the index opened, in an index of one segment with no deletions (as the knowledge
    /// index is), so a question reads plain arrays instead of decoding Lucene's postings again; otherwise read into
    /// the work's buffer. Empty when no document has it.
    /// </summary>
    private ReadOnlySpan<int> Postings(AtomicReaderContext leaf, AtomicReader atomic, IBits? live, Term term, Work w)
    {
        var located = contexts(term);
        var keep = located is not null && live is null && leaf.Ord == 0 && reader.Leaves.Count == 1;
        if (keep && kept.TryGetValue(located!, out var known))
        {
            return known;
        }

        // Within the budget only (searches at once may each keep one term past it: bounded by their number).
        keep = keep && Interlocked.Read(ref keptDocuments) + located!.DocFreq <= keepBudget;

        var state = located?.Get(leaf.Ord);
        if (state is null)
        {
            // Not in this segment (or not located in advance: then Lucene finds it).
            if (located is not null)
            {
                return [];
            }

            state = TermContext.Build(reader.Context, term).Get(leaf.Ord);
            if (state is null)
            {
                return [];
            }
        }

        if (!w.Enums.TryGetValue((leaf.Ord, term.Field), out var iterator))
        {
            iterator = atomic.GetTerms(term.Field)?.GetEnumerator();
            if (iterator is null)
            {
                return [];
            }

            w.Enums[(leaf.Ord, term.Field)] = iterator;
        }

        iterator.SeekExact(term.Bytes, state);
        var docs = w.Docs = iterator.Docs(live, w.Docs, DocsFlags.NONE);

        // A kept term is read straight into an array of its own size (no deletions: its document frequency).
        var into = keep ? new int[Math.Max(1, located!.DocFreq)] : w.Buffer;
        var count = 0;
        int doc;
        while ((doc = docs.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
        {
            if (count == into.Length)
            {
                Array.Resize(ref into, count * 2);
            }

            into[count++] = doc;
        }

        if (!keep)
        {
            w.Buffer = into;
            return into.AsSpan(0, count);
        }

        if (count != into.Length)
        {
            Array.Resize(ref into, count);
        }

        // Another search may have kept it meanwhile: the first kept is used (the same documents).
        var first = kept.GetOrAdd(located!, into);
        if (ReferenceEquals(first, into))
        {
            Interlocked.Add(ref keptDocuments, into.Length);
        }

        return first;
    }

    /// <summary>
    /// Hands the collector the matched units in order, entry by entry, except the entries that cannot beat its
    /// threshold: per field, the entry's best search score, with its lightest unit and its common terms there, bound
    /// its score (<see cref="EntryCollector.EntryBound"/>). Clears the work arrays as it goes.
    /// </summary>
    private void CollectEntries(EntryCollector collector, FixedScorer scorer, Work w, int maxDoc)
    {
        var slots = w.Slots;
        var docs = w.BlockDocs;
        var ends = entryEnd!;
        Span<float> most = stackalloc float[KindCount];
        var count = 0;
        var end = -1;
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
                var key = unitKeys[doc];
                if (doc >= end)
                {
                    CollectEntry(collector, scorer, w, count, most);
                    count = 0;
                    most.Fill(float.NegativeInfinity);
                    end = ends[key / KindCount];
                }

                ref var slot = ref slots[doc];
                var score = (float)slot.Sum;
                slot.Sum = 0;
                slot.Stamp = 0;
                docs[count] = doc;
                w.BlockScores[count++] = score;
                ref var kindMost = ref most[key % KindCount];
                kindMost = Math.Max(kindMost, score);
            }
        }

        CollectEntry(collector, scorer, w, count, most);
    }

    /// <summary>One entry's matched units (the first <paramref name="count"/> of the work's block): to the collector, unless the entry cannot beat its threshold.</summary>
    private void CollectEntry(EntryCollector collector, FixedScorer scorer, Work w, int count, ReadOnlySpan<float> most)
    {
        if (count == 0)
        {
            return;
        }

        var threshold = collector.Threshold;
        if (threshold >= 0f)
        {
            if (collector.CannotBeat(most, threshold))
            {
                return;
            }

            var statistics = unitKeys[w.BlockDocs[0]] / KindCount * KindCount;
            if (collector.EntryBound(most, entryLightest.AsSpan(statistics, KindCount), entryCommon.AsSpan(statistics, KindCount)) <= threshold)
            {
                return;
            }
        }

        for (var i = 0; i < count; i++)
        {
            scorer.Set(w.BlockDocs[i], w.BlockScores[i]);
            collector.Collect(w.BlockDocs[i]);
        }

        collector.EndEntry();
    }

    private const int KindCount = 4;

    /// <summary>
    /// Per entry, the document after its last unit, when every entry's units are consecutive documents in entry order
    /// (as the index writes them); otherwise null.
    /// </summary>
    private static int[]? EntryEnds(Unit[] units)
    {
        if (units.Length == 0 || units.Min(u => u.Entry) < 0)
        {
            return null;
        }

        var end = new int[units.Max(u => u.Entry) + 1];
        for (var id = 0; id < units.Length; id++)
        {
            var entry = units[id].Entry;
            if (id > 0 && entry != units[id - 1].Entry && entry < units[id - 1].Entry)
            {
                return null;
            }

            end[entry] = id + 1;
        }

        return end;
    }

    private static (float[] Lightest, ulong[] Common) EntryStatistics(Unit[] units, int entries)
    {
        var lightest = new float[entries * KindCount];
        Array.Fill(lightest, float.NegativeInfinity);
        var common = new ulong[entries * KindCount];
        foreach (var unit in units)
        {
            var at = (unit.Entry * KindCount) + (int)unit.Kind;
            if (float.IsNegativeInfinity(lightest[at]))
            {
                lightest[at] = float.PositiveInfinity;
            }

            if (unit.Weight > 0f && unit.Weight < lightest[at])
            {
                lightest[at] = unit.Weight;
            }

            common[at] |= unit.CommonTerms;
        }

        return (lightest, common);
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
    private sealed class Work(int size, int longestEntry)
    {
        public Slot[] Slots { get; } = new Slot[size];

        /// <summary>The matched units of the entry being collected, and their scores.</summary>
        public int[] BlockDocs { get; } = new int[longestEntry];

        public float[] BlockScores { get; } = new float[longestEntry];

        public ulong[] Matched { get; } = new ulong[(size + 63) >> 6];

        public List<int> Touched { get; } = [];

        /// <summary>A terms enumerator per segment and field, positioned anew for every term.</summary>
        public Dictionary<(int Leaf, string Field), TermsEnum> Enums { get; } = [];

        public DocsEnum? Docs { get; set; }

        /// <summary>The documents of a term not kept in memory.</summary>
        public int[] Buffer { get; set; } = new int[1024];
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
