using System.Diagnostics;
using System.Globalization;
using B12Bot.Knowledge;
using B12Bot.Knowledge.Search;

namespace B12Bot.Benchmarks;

/// <summary>
/// In-process figures for a knowledge folder (the shipped one or a grown one from <c>B12Bot.Load grow</c>): the
/// time and memory to load the knowledge, build and store its index, open the stored index, and the CPU per question
/// over a question file with no answer cache, after a warm-up. Steadier than HTTP on a busy machine: no sockets, no
/// other process in the measure.
/// </summary>
internal static class ScaleProfile
{
    public static int Run(IReadOnlyList<string> args)
    {
        if (args.Count < 2)
        {
            Console.Error.WriteLine("scale-profile KNOWLEDGE_FOLDER QUESTIONS_FILE [SECONDS] [--shipped]");
            return 64;
        }

        var folder = args[0];
        var questions = File.ReadAllLines(args[1]).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var seconds = args.Count > 2 && !args[2].StartsWith("--", StringComparison.Ordinal) ? double.Parse(args[2], CultureInfo.InvariantCulture) : 10;
        var store = Path.Combine(Path.GetTempPath(), "b12bot-profile-" + Guid.NewGuid().ToString("N"));
        try
        {
            var clock = Stopwatch.StartNew();
            var knowledge = KnowledgeLoader.Load(Path.Combine(folder, "faq.json"), allowAdditionalEntries: true);
            Line("load knowledge", clock);
            var location = KnowledgeIndexLocation.ForFiles(store, [Path.Combine(folder, "faq.json"), Path.Combine(folder, KnowledgeLoader.LexiconFileName)]);
            Line("hash knowledge files", clock);
            using (var built = new LuceneAnswerer(knowledge, null, location))
            {
                Line("build and store the index", clock);
            }

            GC.Collect();
            clock.Restart();
            _ = Knowledge.Analysis.AnalysisResources.Build(knowledge.Lexicon);
            Line("  of which: analysis resources", clock);
            var phrasings = knowledge.Entries.SelectMany(e => e.Variants.Append(e.Question).Append(e.Title)).ToList();
            clock.Restart();
            var folded = phrasings.Select(Knowledge.Text.TextNormalizer.ForComparison).Count();
            Line($"  of which, once per use: folding {folded} phrasings", clock);
            var defaults = new AnswererOptions();
            using (var probe = new KnowledgeIndex(knowledge, defaults.UnknownWeight, defaults.CommonTermWeight, location))
            {
                Line($"  of which: the stored index opened alone ({probe.Source})", clock);
            }

            GC.Collect();
            clock.Restart();
            using var answerer = new LuceneAnswerer(knowledge, null, location);
            Line("open the stored index", clock);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"managed heap after opening: {GC.GetTotalMemory(forceFullCollection: true) / 1048576.0:F0} MB; peak working set so far {Environment.WorkingSet / 1048576.0:F0} MB"));

            var searcher = (KnowledgeSearcher)((KnowledgeIndex)typeof(LuceneAnswerer)
                .GetField("index", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                .GetValue(answerer)!).Searcher;
            // "--shipped": only the shipped way, for a profiler.
            var ways = args.Contains("--shipped")
                ? new[] { ("warm-up, skipping entries (as shipped)", seconds, true, true), ("measured, skipping entries (as shipped)", seconds, true, true), ("measured, skipping entries (as shipped)", seconds, true, true) }
                : new[]
            {
                ("warm-up, every way", seconds, true, true), ("warm-up, every way", seconds, true, false), ("warm-up, every way", seconds, false, false),
                ("measured, skipping entries (as shipped)", seconds, true, true), ("measured, every matching unit", seconds, true, false), ("measured, Lucene's scorers", seconds, false, false),
                ("measured, skipping entries (as shipped)", seconds, true, true), ("measured, every matching unit", seconds, true, false), ("measured, Lucene's scorers", seconds, false, false),
            };
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load average before the questions: {LoadAverage()}"));
            foreach (var (phase, duration, fromPostings, skipEntries) in ways)
            {
                searcher.ScoreFromPostings = fromPostings;
                searcher.SkipEntries = skipEntries;
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var allocated = GC.GetTotalAllocatedBytes();
                var (gen0, gen2) = (GC.CollectionCount(0), GC.CollectionCount(2));
                var paused = GC.GetTotalPauseDuration();
                clock.Restart();
                var asked = 0;
                while (clock.Elapsed.TotalSeconds < duration)
                {
                    answerer.Ask(questions[asked++ % questions.Count]);
                }

                var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{phase}: {asked} questions, {used.TotalMilliseconds / asked:F3} ms CPU and {(GC.GetTotalAllocatedBytes() - allocated) / 1024.0 / asked:F1} KB allocated per question; " +
                    $"{GC.CollectionCount(0) - gen0} gen0 and {GC.CollectionCount(2) - gen2} gen2 collections, GC pauses {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds / asked:F3} ms per question"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"documents kept in memory: {searcher.KeptDocuments} of {searcher.KeptTerms} terms ({searcher.KeptDocuments * 4 / 1048576.0:F1} MB); managed heap {GC.GetTotalMemory(forceFullCollection: true) / 1048576.0:F0} MB"));
            if (Environment.GetEnvironmentVariable("B12BOT_PROFILE_BREAKDOWN") == "1")
            {
                searcher.ScoreFromPostings = true;
                Breakdown(answerer, searcher, questions, seconds);
            }
            return 0;
        }
        finally
        {
            if (Directory.Exists(store))
            {
                Directory.Delete(store, recursive: true);
            }
        }
    }

    /// <summary>
    /// Where a question's time goes: the analysis and plan, and the search with its collector, both ways of scoring
    /// from the postings (skipping entries that cannot be among the best, as shipped, and every matching unit).
    /// </summary>
    private static void Breakdown(LuceneAnswerer answerer, KnowledgeSearcher searcher, List<string> questions, double seconds)
    {
        var flags = System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance;
        var planner = (QueryPlanner)typeof(LuceneAnswerer).GetField("planner", flags)!.GetValue(answerer)!;
        var search = typeof(LuceneAnswerer).GetMethod("Search", flags)!.CreateDelegate<Func<QueryPlan, EntryCollector?>>(answerer);
        var release = typeof(LuceneAnswerer).GetMethod("Release", flags)!.CreateDelegate<Action<EntryCollector>>(answerer);
        var plans = questions.Select(planner.Plan).Where(p => p.OffTopicReason is null).ToList();
        var clock = Stopwatch.StartNew();
        var planned = 0;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            planner.Plan(questions[planned++ % questions.Count]);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"plan: {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / planned:F3} ms CPU per question ({plans.Count} of {questions.Count} questions searched)"));
        foreach (var (way, skip) in new[] { ("skipping entries", true), ("every matching unit", false), ("skipping entries", true), ("every matching unit", false) })
        {
            searcher.SkipEntries = skip;
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            cpu = Process.GetCurrentProcess().TotalProcessorTime;
            clock.Restart();
            var hits = 0L;
            var searched = 0;
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                foreach (var plan in plans)
                {
                    if (search(plan) is { } collector)
                    {
                        hits += collector.MatchedUnits;
                        release(collector);
                    }
                }

                searched += plans.Count;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"search and collect, {way}: {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / searched:F3} ms CPU and {(GC.GetAllocatedBytesForCurrentThread() - allocated) / 1024.0 / searched:F1} KB allocated per searched question, {hits / (double)searched:F0} units collected on average"));
        }

        searcher.SkipEntries = true;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static void Line(string what, Stopwatch clock)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: {clock.Elapsed.TotalSeconds:F2} s"));
        clock.Restart();
    }
}
