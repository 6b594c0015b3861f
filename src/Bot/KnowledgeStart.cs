using B12Bot.Hosting;
using B12Bot.Knowledge;
using B12Bot.Knowledge.CauseFinder;
using B12Bot.Knowledge.Safety;
using B12Bot.Knowledge.Search;

namespace B12Bot;

/// <summary>
/// The knowledge, its rules and its answerer, started on threads of their own before the host is built (the shipped
/// folder, <see cref="Preload"/>) or as soon as its configuration is read (<see cref="Begin"/>), so they are built
/// while the host is built, mapped and starts listening rather than one after the other before it. Each is handed out
/// for the arguments it was started with; a host configured differently afterwards (a test's own settings or
/// services) gets its own, built then, and the answerer started for it is disposed of. A failure is kept for the
/// caller that asks, as it would have been met there.
/// </summary>
internal sealed class KnowledgeStart
{
    private readonly string folder;
    private readonly string? articleUrl;
    private readonly bool allowAdditionalEntries;
    private readonly Task<KnowledgeBase> knowledge;
    private readonly Task<RedFlagDetector> redFlags;
    private readonly Task<CauseFinderRules> rules;
    private readonly AnswererSettings answererSettings;
    private readonly Task<IAnswerer> answerer;

    private KnowledgeStart(string folder, string? articleUrl, bool allowAdditionalEntries, AnswererSettings answererSettings)
    {
        this.folder = folder;
        this.articleUrl = articleUrl;
        this.allowAdditionalEntries = allowAdditionalEntries;
        this.answererSettings = answererSettings;
        var preload = Interlocked.Exchange(ref preloaded, null) is { } p && p.Folder == folder ? p : null;
        knowledge = Observed(preload is not null && !allowAdditionalEntries
            ? preload.Knowledge.ContinueWith(k => KnowledgeServices.WithArticleUrl(k.GetAwaiter().GetResult(), articleUrl), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default)
            : OwnThread.Run(() => KnowledgeServices.LoadKnowledge(folder, articleUrl, allowAdditionalEntries)));
        redFlags = Observed(preload?.RedFlags ?? OwnThread.Run(() => RedFlagDetector.Load(RedFlagsPath(folder))));
        rules = Observed(knowledge.ContinueWith(k => CauseFinderLoader.Load(CauseFinderPath(folder), k.GetAwaiter().GetResult()), CancellationToken.None, TaskContinuationOptions.LongRunning, TaskScheduler.Default));
        answerer = Observed(knowledge.ContinueWith(k => answererSettings.Create(k.GetAwaiter().GetResult(), folder), CancellationToken.None, TaskContinuationOptions.LongRunning, TaskScheduler.Default));
    }

    /// <summary>
    /// Starts reading the knowledge and red flags in <paramref name="folder"/> (as the default settings read them)
    /// before the host and its configuration are built; the next <see cref="Begin"/> for that folder takes them
    /// over. Another folder, or settings that read the knowledge differently, start their own and leave these.
    /// </summary>
    public static void Preload(string folder)
    {
        if (!File.Exists(Path.Combine(folder, KnowledgeLoader.FaqFileName)))
        {
            return;
        }

        var knowledge = Observed(OwnThread.Run(() => KnowledgeServices.LoadKnowledge(folder, articleUrl: null, allowAdditionalEntries: false)));
        var redFlags = Observed(OwnThread.Run(() => RedFlagDetector.Load(RedFlagsPath(folder))));
        Volatile.Write(ref preloaded, new Preloaded(folder, knowledge, redFlags));
    }

    private static Preloaded? preloaded;

    /// <summary>Starts loading the knowledge in <paramref name="folder"/> and building its answerer for <paramref name="configuration"/>.</summary>
    public static KnowledgeStart Begin(string folder, IConfiguration configuration) =>
        new(folder, ArticleUrl(configuration), AllowAdditionalEntries(configuration), AnswererSettings.From(configuration, configuration[HostDefaults.ContentRootKey]));

    /// <summary>The knowledge for these settings: the one started early when they are the same.</summary>
    public KnowledgeBase Knowledge(IConfiguration configuration) =>
        ArticleUrl(configuration) == articleUrl && AllowAdditionalEntries(configuration) == allowAdditionalEntries
            ? knowledge.GetAwaiter().GetResult()
            : KnowledgeServices.LoadKnowledge(folder, ArticleUrl(configuration), AllowAdditionalEntries(configuration));

    /// <summary>The red-flag phrases of the knowledge folder.</summary>
    public RedFlagDetector RedFlags() => redFlags.GetAwaiter().GetResult();

    /// <summary>The walkthrough's rules for <paramref name="forKnowledge"/>: the ones started early when it is the early knowledge.</summary>
    public CauseFinderRules Rules(KnowledgeBase forKnowledge) =>
        IsEarly(forKnowledge) ? rules.GetAwaiter().GetResult() : CauseFinderLoader.Load(CauseFinderPath(folder), forKnowledge);

    /// <summary>The answerer for <paramref name="forKnowledge"/> and these settings: the one started early when both are the same.</summary>
    public IAnswerer Answerer(KnowledgeBase forKnowledge, IConfiguration configuration, string? contentRoot)
    {
        var settings = AnswererSettings.From(configuration, contentRoot);
        if (IsEarly(forKnowledge) && settings == answererSettings)
        {
            return answerer.GetAwaiter().GetResult();
        }

        // Nobody else asks this start for its answerer: its index files are let go once it is built.
        _ = answerer.ContinueWith(static a => (a.Result as IDisposable)?.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return settings.Create(forKnowledge, folder);
    }

    /// <summary>The answerer started early, whichever host takes it (for tests).</summary>
    public Task<IAnswerer> EarlyAnswerer => answerer;

    private bool IsEarly(KnowledgeBase candidate) =>
        knowledge.IsCompletedSuccessfully && ReferenceEquals(candidate, knowledge.Result);

    private static string? ArticleUrl(IConfiguration configuration) => configuration["Knowledge:ArticleUrl"];

    private static bool AllowAdditionalEntries(IConfiguration configuration) => configuration.GetValue<bool>("Knowledge:AllowAdditionalEntries");

    private static string RedFlagsPath(string folder) => Path.Combine(folder, "redflags.json");

    private static string CauseFinderPath(string folder) => Path.Combine(folder, "causefinder.json");

    private sealed record Preloaded(string Folder, Task<KnowledgeBase> Knowledge, Task<RedFlagDetector> RedFlags);

    /// <summary>A failure nobody asks for (a host configured differently) is not reported as unobserved.</summary>
    private static Task<T> Observed<T>(Task<T> task)
    {
        _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return task;
    }

    /// <summary>What the answerer is built with, from the configuration and the content root.</summary>
    private sealed record AnswererSettings(int CacheSize, string? IndexFolder, string? SqlitePath, string ContentRoot)
    {
        public static AnswererSettings From(IConfiguration configuration, string? contentRoot) => new(
            configuration.GetValue("Answers:CacheSize", KnowledgeServices.DefaultAnswerCacheSize),
            configuration["Knowledge:IndexFolder"],
            configuration["Storage:Sqlite:Path"],
            Path.TrimEndingDirectorySeparator(string.IsNullOrEmpty(contentRoot) ? AppContext.BaseDirectory : Path.GetFullPath(contentRoot)));

        public IAnswerer Create(KnowledgeBase knowledge, string knowledgeFolder) =>
            KnowledgeServices.CreateAnswerer(knowledge, CacheSize, KnowledgeServices.IndexLocation(IndexFolder, SqlitePath, knowledgeFolder, ContentRoot));
    }
}
