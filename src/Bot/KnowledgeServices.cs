using B12Bot.Knowledge;

namespace B12Bot;

/// <summary>Builds the knowledge objects the bot shares between all turns.</summary>
internal static class KnowledgeServices
{
    /// <summary>Loads <c>faq.json</c> from <paramref name="folder"/>; a configured article URL overrides the file's.</summary>
    public static KnowledgeBase LoadKnowledge(string folder, string? articleUrl, bool allowAdditionalEntries)
    {
        var knowledge = KnowledgeLoader.Load(Path.Combine(folder, "faq.json"), allowAdditionalEntries);
        if (string.IsNullOrWhiteSpace(articleUrl))
        {
            return knowledge;
        }

        if (!Uri.TryCreate(articleUrl, UriKind.Absolute, out _))
        {
            throw new InvalidOperationException("Knowledge:ArticleUrl must be an absolute URL.");
        }

        return new KnowledgeBase(knowledge.Article with { Url = articleUrl }, knowledge.Entries, knowledge.Keywords);
    }

    /// <summary>How many questions the answer cache remembers unless <c>Answers:CacheSize</c> says otherwise.</summary>
    public const int DefaultAnswerCacheSize = 4096;

    /// <summary>The Lucene answerer, behind a cache of recent answers (<c>Answers:CacheSize</c>, 0 for none).</summary>
    public static IAnswerer CreateAnswerer(KnowledgeBase knowledge, int cacheSize)
    {
        var answerer = new LuceneAnswerer(knowledge);
        return cacheSize > 0 ? new CachingAnswerer(answerer, cacheSize) : answerer;
    }
}
