using System.Globalization;

namespace B12Bot.Load;

/// <summary>The two benchmark modes: B12Bot against the echo bot, and B12Bot with a grown knowledge base.</summary>
internal static class Modes
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    public static async Task<int> CompareAsync(Options options)
    {
        var settings = LoadSettings.From(options);
        var botDll = options.String("bot") ?? Paths.BotDll;
        var echoDll = options.String("echo") ?? Paths.EchoDll;
        var storage = BotStorage.From(options);
        var extra = BotArgs(options);
        var questionFile = options.String("questions");
        options.ThrowOnUnknown();

        var questions = Activities.Questions(questionFile);
        var machine = Measure.MachineLine();
        Console.Error.WriteLine($"compare: {settings}; B12Bot state in {storage.Kind}; {questions.Count} questions");
        using var data = new TempFolders();
        string[] index = [$"--Knowledge:IndexFolder={data.New()}"];
        var (echo, echoFirst) = await StartTwiceAsync("echo bot", echoDll, [], questions[0]);
        await using var _ = echo;
        var (bot, botFirst) = await StartTwiceAsync("B12Bot", botDll, [.. storage.Args(data.New()), .. index, .. extra], questions[0]);
        await using var __ = bot;
        var entries = KnowledgeScaler.Describe(Paths.KnowledgeFolder(botDll));
        var rows = await Measure.RunAsync([(echo, "–"), (bot, entries)], settings, questions);

        var (floor, ours) = (rows[0].Load, rows[1].Load);
        var ratio = ours.Throughput / floor.Throughput;
        var p99Ratio = ours.P99 / floor.P99;
        Console.WriteLine();
        Console.WriteLine($"## B12Bot against the echo bot ({settings}; B12Bot state in {storage.Kind}, echo bot state in memory)");
        Console.WriteLine();
        Console.WriteLine(extra.Any(a => a.StartsWith("--Answers:CacheSize=", StringComparison.OrdinalIgnoreCase))
            ? $"B12Bot settings: {string.Join(' ', extra)}; {questions.Count} questions ({Path.GetFileName(questionFile ?? "questions.txt")})."
            : $"B12Bot as shipped, with its answer cache: the load's {questions.Count} questions repeat, so after the warm-up they are " +
              "answered from it (--bot-args=--Answers:CacheSize=0 analyses and searches every question).");
        Console.WriteLine();
        Console.Write(Measure.Table(rows));
        Console.WriteLine();
        var cached = !extra.Any(a => a.StartsWith("--Answers:CacheSize=0", StringComparison.OrdinalIgnoreCase));
        var target = cached ? 0.9 : 0.75;
        var coldRatio = bot.ColdStart.TotalSeconds / echo.ColdStart.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"throughput B12Bot/echo: {ratio:F2}× (target ≥ {target:F2}× with the answer cache {(cached ? "on" : "off")}) {Verdict(ratio >= target)}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"p99 B12Bot/echo:        {p99Ratio:F2}× (target ≤ 1.5×) {Verdict(p99Ratio <= 1.5)}"));
        Console.WriteLine(CpuLine(rows[1], rows[0]));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cold start B12Bot/echo: {coldRatio:F2}× (target ≤ 1.5×) {Verdict(coldRatio <= 1.5)}; a start with its index stored: {bot.ColdStart.TotalSeconds:F2} s against {echo.ColdStart.TotalSeconds:F2} s. " +
            $"First start (B12Bot builds and stores its index): {botFirst.TotalSeconds:F2} s against {echoFirst.TotalSeconds:F2} s."));
        Console.WriteLine(Measure.GeneratorLine(rows));
        Console.WriteLine(machine);
        return Clean(rows) ? 0 : 1;
    }

    /// <summary>
    /// CPU time per request is steadier than throughput on a shared machine: when the bots are CPU-bound, the
    /// throughput ratio on a quiet machine is about the inverse of this ratio.
    /// </summary>
    private static string CpuLine(Measured ours, Measured floor)
    {
        var mine = ours.ServerCpu.TotalMilliseconds / Math.Max(1, ours.Load.Requests);
        var theirs = floor.ServerCpu.TotalMilliseconds / Math.Max(1, floor.Load.Requests);
        return string.Create(CultureInfo.InvariantCulture,
            $"bot CPU per request {ours.Name}/{floor.Name}: {mine / theirs:F2}× ({mine:F3} ms against {theirs:F3} ms; CPU-bound, the throughput ratio would be about {theirs / mine:F2}×)");
    }

    public static async Task<int> ScaleAsync(Options options)
    {
        var settings = LoadSettings.From(options);
        var botDll = options.String("bot") ?? Paths.BotDll;
        var size = options.Int("entries", 10_000, 1, 1_000_000);
        var grow = options.String("grow");
        var storage = BotStorage.From(options);
        var extra = BotArgs(options);
        options.ThrowOnUnknown();
        var growBy = grow switch
        {
            null or "entries" => GrowBy.Entries,
            "variants" => GrowBy.Variants,
            _ => throw new ArgumentException("--grow must be entries or variants"),
        };

        var questions = Activities.Questions();
        var machine = Measure.MachineLine();
        var folders = new List<string>();
        try
        {
            var source = Paths.KnowledgeFolder(botDll);
            using var data = new TempFolders();
            // The answer cache would hide what the growth costs (the load repeats its questions): both search every time.
            string[] noCache = ["--Answers:CacheSize=0"];
            var (stock, stockFirst) = await StartTwiceAsync("B12Bot", botDll, [.. storage.Args(data.New()), $"--Knowledge:IndexFolder={data.New()}", .. noCache, .. extra], questions[0]);
            await using var __ = stock;
            var (grown, note, grownFirst) = await StartGrownAsync(botDll, source, size, growBy, explicitChoice: grow is not null, questions[0], folders, [.. storage.Args(data.New()), $"--Knowledge:IndexFolder={data.New()}", .. noCache, .. extra]);
            await using var _ = grown;
            var grownFolder = folders[^1];
            Console.Error.WriteLine($"scale: {KnowledgeScaler.Describe(source)} grown to {KnowledgeScaler.Describe(grownFolder)}; {settings}");
            var rows = await Measure.RunAsync(
                [(stock, KnowledgeScaler.Describe(source)), (grown, KnowledgeScaler.Describe(grownFolder))],
                settings,
                questions);

            var (small, large) = (rows[0], rows[1]);
            Console.WriteLine();
            Console.WriteLine($"## B12Bot with its own knowledge and with a knowledge base grown to {size} {(growBy == GrowBy.Entries && note is null ? "entries" : "variants")} ({settings})");
            Console.WriteLine();
            if (note is not null)
            {
                Console.WriteLine(note);
                Console.WriteLine();
            }

            Console.WriteLine("Both without the answer cache (--Answers:CacheSize=0): every question is analysed and searched.");
            Console.WriteLine();
            Console.Write(Measure.Table(rows));
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"grown against own: throughput {large.Load.Throughput / small.Load.Throughput:F2}×, p50 {large.Load.Median / small.Load.Median:F2}×, " +
                $"p99 {large.Load.P99 / small.Load.P99:F2}×, cold start {large.ColdStart.TotalSeconds / small.ColdStart.TotalSeconds:F2}×, " +
                $"peak memory {(double)(large.PeakMemory ?? 0) / Math.Max(1, small.PeakMemory ?? 1):F2}×"));
            Console.WriteLine(CpuLine(large, small));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"cold start with the index stored: {small.ColdStart.TotalSeconds:F2} s and {large.ColdStart.TotalSeconds:F2} s (grown: target ≤ 3 s {Verdict(large.ColdStart.TotalSeconds <= 3)}); " +
                $"first start, building and storing the index: {stockFirst.TotalSeconds:F2} s and {grownFirst.TotalSeconds:F2} s; " +
                $"peak memory grown {Mb(large.PeakMemory)} MB (target ≤ 400 MB {Verdict(large.PeakMemory is { } peak && peak <= 400L * 1024 * 1024)})"));
            Console.WriteLine(Measure.GeneratorLine(rows));
            Console.WriteLine(machine);
            return Clean(rows) ? 0 : 1;
        }
        finally
        {
            foreach (var folder in folders.Where(Directory.Exists))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>
    /// Starts B12Bot on a grown copy of its knowledge. When more entries are asked for (the default) and the
    /// loader refuses them, grows the variants instead and says so.
    /// </summary>
    private static async Task<(BotProcess Bot, string? Note, TimeSpan FirstStart)> StartGrownAsync(
        string botDll, string source, int size, GrowBy growBy, bool explicitChoice, string firstQuestion, List<string> folders, IReadOnlyList<string> storageArgs)
    {
        var folder = NewFolder(folders);
        KnowledgeScaler.Scale(source, folder, size, growBy);
        try
        {
            var (bot, first) = await StartTwiceAsync("B12Bot grown", botDll, [$"--Knowledge:Folder={folder}", "--Knowledge:AllowAdditionalEntries=true", .. storageArgs], firstQuestion);
            return (bot, null, first);
        }
        catch (InvalidOperationException e) when (growBy == GrowBy.Entries && !explicitChoice)
        {
            var reason = e.Message.Split('\n').FirstOrDefault(l => l.Contains("unknown id", StringComparison.Ordinal))?.Trim() ?? "it did not start";
            Console.Error.WriteLine($"B12Bot refused {size} generated entries ({Shorten(reason)}); growing the question variants instead");
            folder = NewFolder(folders);
            KnowledgeScaler.Scale(source, folder, size, GrowBy.Variants);
            var (bot, first) = await StartTwiceAsync("B12Bot grown", botDll, [$"--Knowledge:Folder={folder}", .. storageArgs], firstQuestion);
            return (bot, $"Note: the knowledge loader accepts only the article's fixed entry ids, so the knowledge base grew by {size} question variants over the same entries instead of {size} entries.", first);
        }
    }

    /// <summary>
    /// Starts a bot, stops it once it has answered, and starts it again: the second start is the one measured (what a
    /// restart costs, with B12Bot's index stored by the first and the files in the page cache for both bots).
    /// </summary>
    private static async Task<(BotProcess Bot, TimeSpan FirstStart)> StartTwiceAsync(string name, string dll, IReadOnlyList<string> args, string firstQuestion)
    {
        TimeSpan first;
        await using (var once = await BotProcess.StartAsync(name, dll, args, firstQuestion, StartTimeout))
        {
            first = once.ColdStart;
        }

        return (await BotProcess.StartAsync(name, dll, args, firstQuestion, StartTimeout), first);
    }

    private static string Mb(long? bytes) => bytes is { } b ? (b / (1024.0 * 1024.0)).ToString("F0", CultureInfo.InvariantCulture) : "?";

    private static string NewFolder(List<string> folders)
    {
        var folder = Path.Combine(Path.GetTempPath(), "b12bot-scale-" + Guid.NewGuid().ToString("N"));
        folders.Add(folder);
        return folder;
    }

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..160] + "…";

    /// <summary>
    /// Cold start only: the echo bot and B12Bot started in turn (<c>--runs</c> each, after one start of each that is
    /// not counted: it stores B12Bot's index and fills the page cache), each to its first answered question.
    /// </summary>
    public static async Task<int> ColdStartAsync(Options options)
    {
        var runs = options.Int("runs", 5, 1, 100);
        var botDll = options.String("bot") ?? Paths.BotDll;
        var echoDll = options.String("echo") ?? Paths.EchoDll;
        var extra = BotArgs(options);
        options.ThrowOnUnknown();
        var questions = Activities.Questions();
        var machine = Measure.MachineLine();
        using var data = new TempFolders();
        string[] botArgs = [.. BotStorage.From(new Options([])).Args(data.New()), $"--Knowledge:IndexFolder={data.New()}", .. extra];
        var echo = new List<double>();
        var bot = new List<double>();
        for (var run = -1; run < runs; run++)
        {
            await using (var e = await BotProcess.StartAsync("echo bot", echoDll, [], questions[0], StartTimeout))
            {
                if (run >= 0)
                {
                    echo.Add(e.ColdStart.TotalSeconds);
                }
            }

            await using (var b = await BotProcess.StartAsync("B12Bot", botDll, botArgs, questions[0], StartTimeout))
            {
                if (run >= 0)
                {
                    bot.Add(b.ColdStart.TotalSeconds);
                }
                else
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"first start (B12Bot builds and stores its index): {b.ColdStart.TotalSeconds:F2} s"));
                }
            }
        }

        static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cold start to the first answered question, median of {runs}: echo bot {Median(echo):F2} s ({string.Join(' ', echo.Select(v => v.ToString("F2", CultureInfo.InvariantCulture)))}), " +
            $"B12Bot {Median(bot):F2} s ({string.Join(' ', bot.Select(v => v.ToString("F2", CultureInfo.InvariantCulture)))}); B12Bot/echo {Median(bot) / Median(echo):F2}× (target ≤ 1.5×) {Verdict(Median(bot) / Median(echo) <= 1.5)}"));
        Console.WriteLine(machine);
        return 0;
    }

    /// <summary>Writes a grown copy of the bot's knowledge folder to <c>--to</c>.</summary>
    public static int Grow(Options options)
    {
        var botDll = options.String("bot") ?? Paths.BotDll;
        var target = options.String("to") ?? throw new ArgumentException("--to FOLDER is required");
        var size = options.Int("entries", 10_000, 1, 1_000_000);
        var growBy = options.String("grow") == "variants" ? GrowBy.Variants : GrowBy.Entries;
        options.ThrowOnUnknown();
        KnowledgeScaler.Scale(Paths.KnowledgeFolder(botDll), target, size, growBy);
        Console.WriteLine($"{target}: {KnowledgeScaler.Describe(target)}");
        return 0;
    }

    /// <summary>Loads a bot that is already running (any 127.0.0.1 URL): one row, no cold start or memory.</summary>
    public static async Task<int> MeasureAsync(Options options)
    {
        var settings = LoadSettings.From(options);
        var url = options.String("url") ?? throw new ArgumentException("--url http://127.0.0.1:PORT is required");
        options.ThrowOnUnknown();

        var endpoint = new Uri(new Uri(url), "/api/messages");
        Guard.Loopback(endpoint);
        var questions = Activities.Questions();
        var bodies = Measure.Bodies(settings.Connections, questions);
        using var client = LoadRun.CreateClient(settings.Connections);
        if (settings.Warmup > TimeSpan.Zero)
        {
            await LoadRun.RunAsync(client, endpoint, bodies, settings.Connections, settings.Warmup);
        }

        var runs = new List<LoadResult>();
        for (var round = 0; round < settings.Rounds; round++)
        {
            runs.Add(await LoadRun.RunAsync(client, endpoint, bodies, settings.Connections, settings.Duration));
        }

        var load = LoadResult.Combine(runs);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{endpoint}: {load.Requests} requests, {load.Throughput:F0} req/s, p50 {load.Median:F2} ms, p99 {load.P99:F2} ms, " +
            $"non-200 {load.NonOk}, errors {load.Errors}, with citation {100.0 * load.Cited / Math.Max(1, load.Ok):F0}%, " +
            $"generator {load.GeneratorCpu.TotalMilliseconds / Math.Max(1, load.Requests):F3} ms CPU per request"));
        return load.Errors == 0 && load.NonOk == 0 ? 0 : 1;
    }

    /// <summary>Extra command-line settings for B12Bot, e.g. <c>--bot-args "--Logging:LogLevel:Default=Warning"</c>.</summary>
    public static string[] BotArgs(Options options) =>
        options.String("bot-args")?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];

    private static string Verdict(bool met) => met ? "met" : "NOT MET";

    /// <summary>A run with errors, non-200s or error log lines did not measure a healthy bot: say so in the exit code.</summary>
    private static bool Clean(IReadOnlyList<Measured> rows)
    {
        var clean = true;
        foreach (var row in rows)
        {
            if (row.Load.Errors > 0 || row.Load.NonOk > 0 || row.Load.NoReply > 0 || row.ErrorLogLines > 0)
            {
                clean = false;
                var kinds = string.Join(", ", row.Load.Kinds.Select(k => $"{k.Key} ×{k.Value}"));
                Console.WriteLine($"{row.Name}: {row.Load.Errors} errors, {row.Load.NonOk} non-200, {row.Load.NoReply} without a reply, {row.ErrorLogLines} error log lines {kinds}");
            }
        }

        return clean;
    }
}

/// <summary>Where the Release builds are, from the repository root (the folder with B12Bot.sln).</summary>
internal static class Paths
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "B12Bot.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("B12Bot.sln not found above the load runner; pass --bot and --echo");
        }
    }

    public static string BotDll => Path.Combine(Root, "src", "Bot", "bin", "Release", "net10.0", "B12Bot.dll");

    public static string EchoDll => Path.Combine(Root, "bench", "EchoBot", "bin", "Release", "net10.0", "EchoBot.dll");

    /// <summary>The knowledge folder the bot ships with (beside its dll).</summary>
    public static string KnowledgeFolder(string botDll) => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(botDll))!, "knowledge");

}

/// <summary>Where B12Bot keeps conversation state during a run: its default SQLite (a fresh file per process) or memory.</summary>
internal sealed record BotStorage(string Kind)
{
    public static BotStorage From(Options options) => (options.String("storage") ?? "sqlite") switch
    {
        "sqlite" => new BotStorage("SQLite"),
        "memory" => new BotStorage("Memory"),
        _ => throw new ArgumentException("--storage must be sqlite or memory"),
    };

    public IReadOnlyList<string> Args(string dataFolder) => Kind == "Memory"
        ? ["--Storage:Kind=Memory"]
        : ["--Storage:Kind=Sqlite", $"--Storage:Sqlite:Path={Path.Combine(dataFolder, "b12bot.db")}"];
}

/// <summary>Temporary folders, deleted at the end of the run.</summary>
internal sealed class TempFolders : IDisposable
{
    private readonly List<string> folders = [];

    public string New()
    {
        var folder = Path.Combine(Path.GetTempPath(), "b12bot-load-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        folders.Add(folder);
        return folder;
    }

    public void Dispose()
    {
        foreach (var folder in folders.Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
