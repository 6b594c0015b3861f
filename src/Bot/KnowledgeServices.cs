using B12Bot.Knowledge;
using B12Bot.Knowledge.Search;

namespace B12Bot;

/// <summary>Builds the knowledge objects the bot shares between all turns.</summary>
internal static class KnowledgeServices
{
    /// <summary>The knowledge folder unless <c>Knowledge:Folder</c> names another: the one shipped beside the app.</summary>
    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "knowledge");

    /// <summary>Loads <c>faq.json</c> from <paramref name="folder"/>; a configured article URL overrides the file's.</summary>
    public static KnowledgeBase LoadKnowledge(string folder, string? articleUrl, bool allowAdditionalEntries) =>
        WithArticleUrl(KnowledgeLoader.Load(Path.Combine(folder, KnowledgeLoader.FaqFileName), allowAdditionalEntries), articleUrl);

    /// <summary>The knowledge with a configured article URL instead of its file's (as it is without one).</summary>
    public static KnowledgeBase WithArticleUrl(KnowledgeBase knowledge, string? articleUrl)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        if (string.IsNullOrWhiteSpace(articleUrl))
        {
            return knowledge;
        }

        if (!Uri.TryCreate(articleUrl, UriKind.Absolute, out _))
        {
            throw new InvalidOperationException("Knowledge:ArticleUrl must be an absolute URL.");
        }

        return knowledge.WithArticleUrl(articleUrl);
    }

    /// <summary>The index folder when <c>Knowledge:IndexFolder</c> is not set, relative to the content root.</summary>
    public static readonly string DefaultIndexFolder = Path.Combine("App_Data", "knowledge-index");

    /// <summary>
    /// Where the knowledge index is kept between starts: <c>Knowledge:IndexFolder</c> (relative to
    /// <paramref name="contentRoot"/>; "none" builds it in memory at every start), else beside a configured SQLite
    /// file (the data folder), else <see cref="DefaultIndexFolder"/>. Keyed by a hash of the knowledge files, so the
    /// index is built again only when they change.
    /// </summary>
    public static KnowledgeIndexLocation? IndexLocation(IConfiguration configuration, string knowledgeFolder, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return IndexLocation(configuration["Knowledge:IndexFolder"], configuration["Storage:Sqlite:Path"], knowledgeFolder, contentRoot);
    }

    /// <summary>The same, from the two settings it reads (<c>Knowledge:IndexFolder</c>, <c>Storage:Sqlite:Path</c>).</summary>
    public static KnowledgeIndexLocation? IndexLocation(string? indexFolderSetting, string? sqlitePathSetting, string knowledgeFolder, string contentRoot)
    {
        var configured = indexFolderSetting?.Trim();
        if (string.Equals(configured, "none", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var sqlite = sqlitePathSetting?.Trim();
        var folder = !string.IsNullOrEmpty(configured) ? configured
            : !string.IsNullOrEmpty(sqlite) && Path.IsPathRooted(sqlite) && Path.GetDirectoryName(sqlite) is { Length: > 0 } data ? Path.Combine(data, "knowledge-index")
            : DefaultIndexFolder;
        var files = new[] { "faq.json", KnowledgeLoader.LexiconFileName }.Select(f => Path.Combine(knowledgeFolder, f)).Where(File.Exists);
        return KnowledgeIndexLocation.ForFiles(Path.GetFullPath(folder, contentRoot), files);
    }

    /// <summary>How many questions the answer cache remembers unless <c>Answers:CacheSize</c> says otherwise.</summary>
    public const int DefaultAnswerCacheSize = 4096;

    /// <summary>The Lucene answerer, behind a cache of recent answers (<c>Answers:CacheSize</c>, 0 for none).</summary>
    /// <param name="knowledge">The loaded knowledge.</param>
    /// <param name="cacheSize">How many answers the cache keeps.</param>
    /// <param name="indexLocation">Where the index is kept between starts (see <see cref="IndexLocation"/>); null builds it in memory.</param>
    public static IAnswerer CreateAnswerer(KnowledgeBase knowledge, int cacheSize, KnowledgeIndexLocation? indexLocation = null)
    {
        var answerer = new LuceneAnswerer(knowledge, options: null, indexLocation);
        GiveBackLoadingGarbage(answerer);
        WarmUp(answerer);
        return cacheSize > 0 ? new CachingAnswerer(answerer, cacheSize) : answerer;
    }

    /// <summary>
    /// A large knowledge (thousands of entries) leaves the garbage of reading and indexing it on the heap, a few
    /// hundred megabytes: one full, compacting collection returns it to the system before the first question, so the
    /// process serves from its live size rather than from what loading needed. The shipped knowledge skips it.
    /// </summary>
    internal static bool GiveBackLoadingGarbage(LuceneAnswerer answerer)
    {
        if (!answerer.HasLargeIndex)
        {
            return false;
        }

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return true;
    }

    /// <summary>A question asked once at start-up, past the answer cache, so the first person's answer finds the answer path compiled.</summary>
    internal const string WarmUpQuestion = "Welke klachten geeft een tekort aan vitamine B12 en hoe wordt het bloed onderzocht?";

    /// <summary>
    /// Asks <see cref="WarmUpQuestion"/> on another thread while the server starts: the analysis, search and decision
    /// code then runs for the first time there rather than in the first person's turn. The answer is dropped; a
    /// failure here is left for the first real question to meet and report.
    /// </summary>
    private static void WarmUp(LuceneAnswerer answerer) =>
        _ = Hosting.OwnThread.Run(() =>
        {
            try
            {
                _ = answerer.Ask(WarmUpQuestion);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The first real question runs the same code and reports what fails.
            }
        });
}
