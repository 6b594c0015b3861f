namespace B12Bot.Knowledge.Tests.TestSupport;

/// <summary>The real knowledge and one answerer over it, loaded once for all tests.</summary>
internal static class RealKnowledge
{
    private static readonly Lazy<KnowledgeBase> Loaded = new(() => KnowledgeLoader.Load(RepoPaths.FaqJson));

    public static KnowledgeBase Base => Loaded.Value;
}
