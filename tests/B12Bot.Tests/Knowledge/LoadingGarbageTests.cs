using B12Bot.Knowledge;

namespace B12Bot.Tests.Knowledge;

/// <summary>
/// A large knowledge gives the garbage of loading it back to the system once its answerer is built; the shipped
/// knowledge, a few hundred units, starts without that full collection.
/// </summary>
public sealed class LoadingGarbageTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "knowledge");

    [Fact]
    public void The_shipped_knowledge_starts_without_a_full_collection()
    {
        using var answerer = new LuceneAnswerer(KnowledgeServices.LoadKnowledge(Folder, articleUrl: null, allowAdditionalEntries: false));

        Assert.InRange(answerer.IndexedUnits, 100, LuceneAnswerer.LargeIndexUnits - 1);
        Assert.False(answerer.HasLargeIndex);
        Assert.False(KnowledgeServices.GiveBackLoadingGarbage(answerer));
    }

    [Fact]
    public void A_knowledge_of_tens_of_thousands_of_units_is_collected_once_built()
    {
        var shipped = KnowledgeServices.LoadKnowledge(Folder, articleUrl: null, allowAdditionalEntries: false);
        var perEntry = (LuceneAnswerer.LargeIndexUnits / shipped.Entries.Count) + 1;
        var grown = new KnowledgeBase(
            shipped.Article,
            [.. shipped.Entries.Select(e => e with { Variants = [.. e.Variants, .. Enumerable.Range(0, perEntry).Select(i => $"{e.Title} vraag {i}")] })],
            shipped.Keywords)
        {
            Lexicon = shipped.Lexicon,
        };
        using var answerer = new LuceneAnswerer(grown);
        var before = GC.GetGCMemoryInfo(GCKind.FullBlocking).Index;

        Assert.True(answerer.HasLargeIndex, $"{answerer.IndexedUnits} units");
        Assert.True(KnowledgeServices.GiveBackLoadingGarbage(answerer));

        // A full, blocking, compacting collection ran (the background collections of other tests are not blocking).
        var after = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        Assert.True(after.Index > before, $"full blocking collection {after.Index}, before {before}");
        Assert.True(after.Compacted);
    }
}
