namespace B12Bot.Knowledge.Tests.TestSupport;

/// <summary>The real knowledge and one answerer over it, built once for all tests (the answerer is thread-safe).</summary>
internal static class RealKnowledge
{
    private static readonly Lazy<KnowledgeBase> Loaded = new(() => KnowledgeLoader.Load(RepoPaths.FaqJson));
    private static readonly Lazy<LuceneAnswerer> Shared = new(() => new LuceneAnswerer(Base));

    public static KnowledgeBase Base => Loaded.Value;

    public static LuceneAnswerer Answerer => Shared.Value;
}
