using B12Bot.Knowledge.Search;
using B12Bot.Knowledge.Tests.TestSupport;
using B12Bot.Load;
using Lucene.Net.Search;

namespace B12Bot.Knowledge.Tests.Search;

/// <summary>
/// The searcher passes over whole entries that cannot beat an entry collector's threshold, by bounds kept per entry.
/// On the shipped knowledge and on one grown to hundreds of generated entries (many near-copies, so that many entries
/// match and the bounds are tested where they are tight), the collector's ranking, scores, best units and paragraph
/// matches must be exactly those it reaches when it is given every matching unit, and entries must really be skipped.
/// </summary>
public sealed class EntrySkippingTests
{
    private static readonly Lazy<KnowledgeBase> Grown = new(() =>
    {
        var folder = Path.Combine(Path.GetTempPath(), "b12bot-grown-" + Guid.NewGuid().ToString("N"));
        try
        {
            KnowledgeScaler.Scale(Path.GetDirectoryName(RepoPaths.FaqJson)!, folder, 400, GrowBy.Entries);
            return KnowledgeLoader.Load(Path.Combine(folder, "faq.json"), allowAdditionalEntries: true);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    });

    public static TheoryData<bool, int> Cases => new()
    {
        { false, 1 }, { false, 2 }, { false, 3 },
        { true, 1 }, { true, 2 }, { true, 3 }, { true, 4 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Skipping_entries_changes_no_result_of_the_collector(bool grown, int seed)
    {
        var options = new AnswererOptions();
        var knowledge = grown ? Grown.Value : RealKnowledge.Base;
        using var index = new KnowledgeIndex(knowledge, options.UnknownWeight, options.CommonTermWeight);
        var searcher = (KnowledgeSearcher)index.Searcher;
        var random = new Random(seed);

        // The answerer's kind of question: mostly the knowledge's everyday words (each in many units), some rare ones.
        var terms = index.Weights.Terms.Where(t => index.CommonTermBit(t) < 0).OrderBy(index.Weights.Of).ThenBy(t => t, StringComparer.Ordinal).ToList();
        var everyday = terms.Take(Math.Max(1, terms.Count / 5)).ToList();
        var common = index.Weights.Terms.Where(t => index.CommonTermBit(t) >= 0).Order(StringComparer.Ordinal).ToList();
        var kinds = Enum.GetValues<UnitKind>();
        var skipping = new EntryCollector(index.Units, knowledge.Entries.Count, options);
        var every = new EntryCollector(index.Units, knowledge.Entries.Count, options);
        var skipped = 0;

        for (var q = 0; q < 60; q++)
        {
            var query = new BooleanQuery(disableCoord: true);
            for (var c = random.Next(1, 5); c > 0; c--)
            {
                var concept = new DisjunctionMaxQuery(0f);
                foreach (var term in Enumerable.Range(0, random.Next(1, 3)).Select(_ => random.Next(4) > 0 ? everyday[random.Next(everyday.Count)] : terms[random.Next(terms.Count)]))
                {
                    var boost = random.Next(3) == 0 ? options.SynonymBoost : 1f;
                    foreach (var kind in kinds)
                    {
                        var fieldBoost = EntryCollector.FieldBoost(options, kind) * boost;
                        if (index.TermQuery(kind, term, fieldBoost) is { } main)
                        {
                            concept.Add(main);
                        }

                        if (index.TermQuery(kind, term, fieldBoost * options.PartBoost, inParts: true) is { } part)
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

            if (query.Clauses.Count == 0)
            {
                continue;
            }

            var commonConcepts = new List<CommonConcept>();
            if (common.Count > 0)
            {
                for (var c = random.Next(3); c > 0; c--)
                {
                    var term = common[random.Next(common.Count)];
                    var credits = new List<(int Bit, float Credit)> { (index.CommonTermBit(term), index.Weights.Of(term)) };
                    commonConcepts.Add(new CommonConcept(1UL << credits[0].Bit, credits));
                }
            }

            var weight = 1f + (float)(random.NextDouble() * 8);
            searcher.SkipEntries = true;
            skipping.Start(weight, commonConcepts);
            searcher.Search(query, skipping);
            skipping.Finish();
            searcher.SkipEntries = false;
            every.Start(weight, commonConcepts);
            searcher.Search(query, every);
            every.Finish();

            Assert.Equal(every.Ranking, skipping.Ranking);
            foreach (var entry in every.Ranking)
            {
                Assert.Equal(every.EntryScores[entry], skipping.EntryScores[entry]);
                Assert.Equal(every.EntryUnits[entry], skipping.EntryUnits[entry]);
                Assert.Equal(Paragraphs(every, entry, index), Paragraphs(skipping, entry, index));
            }

            Assert.True(skipping.MatchedUnits <= every.MatchedUnits);
            skipped += skipping.MatchedUnits < every.MatchedUnits ? 1 : 0;
            skipping.Clear();
            every.Clear();
        }

        Assert.True(skipped > 0, "no entry was skipped: the bounds were not tested");
    }

    private static List<(int Doc, float Match)> Paragraphs(EntryCollector collector, int entry, KnowledgeIndex index) =>
        [.. collector.TextMatches.Where(t => index.Units[t.Doc].Entry == entry).OrderBy(t => t.Doc)];
}
