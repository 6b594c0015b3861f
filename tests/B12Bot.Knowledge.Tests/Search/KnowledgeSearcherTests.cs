using B12Bot.Knowledge.Search;
using B12Bot.Knowledge.Tests.TestSupport;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace B12Bot.Knowledge.Tests.Search;

/// <summary>
/// The index's searcher scores the answerer's queries from the postings itself: it must hand the collector the
/// same documents, in the same order, with exactly the scores Lucene's own scorers give.
/// </summary>
public sealed class KnowledgeSearcherTests
{
    public static TheoryData<int> Seeds => new() { 1, 2, 3, 4, 5, 6, 7, 8 };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Scores_the_answerers_queries_exactly_as_lucene_does(int seed)
    {
        var options = new AnswererOptions();
        using var index = new KnowledgeIndex(RealKnowledge.Base, options.UnknownWeight, options.CommonTermWeight);
        var lucene = new IndexSearcher(index.Searcher.IndexReader) { Similarity = index.Similarity };
        var random = new Random(seed);
        var terms = index.Weights.Terms.Order(StringComparer.Ordinal).ToList();

        for (var q = 0; q < 40; q++)
        {
            var query = RandomQuery(index, random, terms, maxConcepts: 5, everyKind: true);
            if (query.Clauses.Count == 0)
            {
                continue;
            }

            var expected = new Recorder();
            var actual = new Recorder();
            lucene.Search(query, expected);
            index.Searcher.Search(query, actual);

            Assert.NotEmpty(expected.Hits);
            Assert.Equal(expected.Hits, actual.Hits);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Documents_kept_in_memory_score_as_lucene_does(int seed)
    {
        var options = new AnswererOptions();
        using var index = new KnowledgeIndex(RealKnowledge.Base, options.UnknownWeight, options.CommonTermWeight);
        var searcher = (KnowledgeSearcher)index.Searcher;
        var lucene = new IndexSearcher(index.Searcher.IndexReader) { Similarity = index.Similarity };
        var random = new Random(seed);
        var terms = index.Weights.Terms.Order(StringComparer.Ordinal).ToList();

        for (var q = 0; q < 20; q++)
        {
            // Concepts with one term of a kind (its score added at once) and with several (the best kept).
            var query = RandomQuery(index, random, terms, maxConcepts: 4, everyKind: false);

            if (query.Clauses.Count == 0)
            {
                continue;
            }

            var expected = new Recorder();
            lucene.Search(query, expected);

            // The first search reads Lucene's postings and keeps them; the second reads them from memory.
            var first = new Recorder();
            searcher.Search(query, first);
            var kept = searcher.KeptTerms;
            var second = new Recorder();
            searcher.Search(query, second);

            Assert.True(kept > 0);
            Assert.Equal(kept, searcher.KeptTerms);
            Assert.Equal(expected.Hits, first.Hits);
            Assert.Equal(expected.Hits, second.Hits);
        }
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(40L)]
    [InlineData(400L)]
    public void Terms_beyond_the_keep_budget_are_read_from_lucene_every_time_and_score_the_same(long budget)
    {
        var options = new AnswererOptions();
        using var index = new KnowledgeIndex(RealKnowledge.Base, options.UnknownWeight, options.CommonTermWeight);
        var open = (KnowledgeSearcher)index.Searcher;
        var located = new Dictionary<Term, TermContext>();
        TermContext Locate(Term term) =>
            located.TryGetValue(term, out var found) ? found : located[term] = TermContext.Build(open.IndexReader.Context, term);
        var searcher = new KnowledgeSearcher(open.IndexReader, index.Weights, Locate, index.Units, budget)
        {
            Similarity = index.Similarity,
        };
        var lucene = new IndexSearcher(open.IndexReader) { Similarity = index.Similarity };
        var random = new Random(7);
        var terms = index.Weights.Terms.Order(StringComparer.Ordinal).ToList();

        for (var q = 0; q < 30; q++)
        {
            var query = RandomQuery(index, random, terms, maxConcepts: 5, everyKind: false);
            if (query.Clauses.Count == 0)
            {
                continue;
            }

            var expected = new Recorder();
            var actual = new Recorder();
            lucene.Search(query, expected);
            searcher.Search(query, actual);

            Assert.Equal(expected.Hits, actual.Hits);
            Assert.True(searcher.KeptDocuments <= budget, $"{searcher.KeptDocuments} documents kept, budget {budget}");
        }

        Assert.Equal(budget == 0, searcher.KeptTerms == 0);
    }

    /// <summary>
    /// A query as the answerer makes them: one to <paramref name="maxConcepts"/> concepts, each the best of a few terms in
    /// one field (or every field), whole or as compound parts, with random boosts.
    /// </summary>
    private static BooleanQuery RandomQuery(KnowledgeIndex index, Random random, List<string> terms, int maxConcepts, bool everyKind)
    {
        var kinds = Enum.GetValues<UnitKind>();
        var query = new BooleanQuery(disableCoord: true);
        for (var c = random.Next(1, maxConcepts + 1); c > 0; c--)
        {
            var concept = new DisjunctionMaxQuery(0f);
            foreach (var term in Enumerable.Range(0, random.Next(1, 4)).Select(_ => terms[random.Next(terms.Count)]))
            {
                foreach (var kind in everyKind ? kinds : [kinds[random.Next(kinds.Length)]])
                {
                    var boost = (float)(0.2 + random.NextDouble());
                    if (index.TermQuery(kind, term, boost) is { } main)
                    {
                        concept.Add(main);
                    }

                    if ((everyKind || random.Next(2) == 0) && index.TermQuery(kind, term, boost * 0.5f, inParts: true) is { } part)
                    {
                        concept.Add(part);
                    }
                }
            }

            if (concept.Disjuncts.Count > 0)
            {
                query.Add(concept, Occur.SHOULD);
            }
        }

        return query;
    }

    [Fact]
    public void Other_queries_go_to_lucene()
    {
        var options = new AnswererOptions();
        using var index = new KnowledgeIndex(RealKnowledge.Base, options.UnknownWeight, options.CommonTermWeight);
        var term = index.Weights.Terms.Order(StringComparer.Ordinal).First(t => index.TermQuery(UnitKind.Text, t, 1f) is not null);
        var query = new BooleanQuery { { index.TermQuery(UnitKind.Text, term, 1f)!, Occur.MUST } };
        var expected = new Recorder();
        var actual = new Recorder();

        new IndexSearcher(index.Searcher.IndexReader) { Similarity = index.Similarity }.Search(query, expected);
        index.Searcher.Search(query, actual);

        Assert.NotEmpty(expected.Hits);
        Assert.Equal(expected.Hits, actual.Hits);
    }

    [Fact]
    public void On_a_large_index_no_more_searches_run_at_once_than_the_bound_and_each_scores_as_alone()
    {
        var options = new AnswererOptions();
        using var index = new KnowledgeIndex(RealKnowledge.Base, options.UnknownWeight, options.CommonTermWeight);
        var open = (KnowledgeSearcher)index.Searcher;
        var located = new Dictionary<Term, TermContext>();
        TermContext Locate(Term term)
        {
            lock (located)
            {
                return located.TryGetValue(term, out var found) ? found : located[term] = TermContext.Build(open.IndexReader.Context, term);
            }
        }

        // Bounded from 0 documents: the shipped index counts as large.
        var searcher = new KnowledgeSearcher(open.IndexReader, index.Weights, Locate, index.Units, boundedFrom: 0) { Similarity = index.Similarity };
        var random = new Random(11);
        var terms = index.Weights.Terms.Order(StringComparer.Ordinal).ToList();
        var queries = Enumerable.Range(0, 40).Select(_ => RandomQuery(index, random, terms, maxConcepts: 4, everyKind: false))
            .Where(q => q.Clauses.Count > 0).Take(KnowledgeSearcher.MaxSearchesAtOnce + 4).ToList();
        var expected = queries.Select(q =>
        {
            var alone = new Recorder();
            new IndexSearcher(open.IndexReader) { Similarity = index.Similarity }.Search(q, alone);
            return alone.Hits;
        }).ToList();

        // Every search stops inside, holding its work arrays, until the test lets them go.
        using var go = new ManualResetEventSlim();
        var inside = 0;
        var mostInside = 0;
        var recorders = queries.Select(_ => new Recorder(() =>
        {
            var now = Interlocked.Increment(ref inside);
            InterlockedMax(ref mostInside, now);
            go.Wait();
            Interlocked.Decrement(ref inside);
        })).ToList();
        var threads = queries.Select((q, i) => new Thread(() => searcher.Search(q, recorders[i]))).ToList();
        threads.ForEach(t => t.Start());

        SpinWait.SpinUntil(() => Volatile.Read(ref inside) >= KnowledgeSearcher.MaxSearchesAtOnce);
        for (var i = 0; i < 20_000; i++)
        {
            // The others have every chance to come in: only the bound keeps them out.
            Thread.Yield();
        }

        Assert.Equal(KnowledgeSearcher.MaxSearchesAtOnce, Volatile.Read(ref inside));
        go.Set();
        threads.ForEach(t => t.Join());

        Assert.Equal(KnowledgeSearcher.MaxSearchesAtOnce, mostInside);
        Assert.InRange(searcher.IdleWorkCount, 1, KnowledgeSearcher.MaxSearchesAtOnce);
        for (var i = 0; i < queries.Count; i++)
        {
            Assert.NotEmpty(expected[i]);
            Assert.Equal(expected[i], recorders[i].Hits);
        }
    }

    [Fact]
    public void A_small_index_is_searched_without_a_bound()
    {
        var options = new AnswererOptions();
        using var index = new KnowledgeIndex(RealKnowledge.Base, options.UnknownWeight, options.CommonTermWeight);
        var open = (KnowledgeSearcher)index.Searcher;
        var searcher = new KnowledgeSearcher(open.IndexReader, index.Weights, term => TermContext.Build(open.IndexReader.Context, term), index.Units) { Similarity = index.Similarity };
        var random = new Random(12);
        var terms = index.Weights.Terms.Order(StringComparer.Ordinal).ToList();
        var queries = Enumerable.Range(0, 40).Select(_ => RandomQuery(index, random, terms, maxConcepts: 4, everyKind: false))
            .Where(q => q.Clauses.Count > 0).Take(KnowledgeSearcher.MaxSearchesAtOnce + 2).ToList();
        using var go = new ManualResetEventSlim();
        var inside = 0;
        var threads = queries.Select(q => new Thread(() => searcher.Search(q, new Recorder(() =>
        {
            Interlocked.Increment(ref inside);
            go.Wait();
        })))).ToList();
        threads.ForEach(t => t.Start());

        // All of them get in at once: the shipped knowledge's few hundred documents need no bound. (A bound would keep
        // some out: the loop ends after its count of yields and the assertions below fail, rather than the test hang.)
        Assert.True(open.IndexReader.MaxDoc < KnowledgeSearcher.BoundedWorkDocuments);
        for (var i = 0; i < 5_000_000 && Volatile.Read(ref inside) < queries.Count; i++)
        {
            Thread.Yield();
        }

        var allInside = Volatile.Read(ref inside);
        go.Set();
        threads.ForEach(t => t.Join());
        Assert.Equal(queries.Count, allInside);
        Assert.Equal(queries.Count, searcher.IdleWorkCount);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, seen) == seen)
            {
                return;
            }
        }
    }

    /// <summary>Every document the search hands over, with its score, in order.</summary>
    private sealed class Recorder(Action? entering = null) : ICollector
    {
        private Scorer? scorer;
        private int docBase;

        public List<(int Doc, float Score)> Hits { get; } = [];

        public bool AcceptsDocsOutOfOrder => false;

        public void Collect(int doc) => Hits.Add((docBase + doc, scorer!.GetScore()));

        public void SetNextReader(AtomicReaderContext context)
        {
            entering?.Invoke();
            docBase = context.DocBase;
        }

        public void SetScorer(Scorer scorer) => this.scorer = scorer;
    }
}
