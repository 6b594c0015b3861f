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
        options.ThrowOnUnknown();

        var questions = Activities.Questions();
        var machine = Measure.MachineLine();
        Console.Error.WriteLine($"compare: {settings}");
        await using var echo = await BotProcess.StartAsync("echo bot", echoDll, [], questions[0], StartTimeout);
        await using var bot = await BotProcess.StartAsync("B12Bot", botDll, [], questions[0], StartTimeout);
        var entries = Paths.KnowledgeEntries(botDll);
        var rows = await Measure.RunAsync([(echo, "–"), (bot, entries)], settings, questions);

        var (floor, ours) = (rows[0].Load, rows[1].Load);
        var ratio = ours.Throughput / floor.Throughput;
        var p99Ratio = ours.P99 / floor.P99;
        Console.WriteLine();
        Console.WriteLine($"## B12Bot against the echo bot ({settings})");
        Console.WriteLine();
        Console.Write(Measure.Table(rows));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"throughput B12Bot/echo: {ratio:F2}× (target ≥ 0.80×) {Verdict(ratio >= 0.8)}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"p99 B12Bot/echo:        {p99Ratio:F2}× (target ≤ 2×) {Verdict(p99Ratio <= 2)}"));
        Console.WriteLine(Measure.GeneratorLine(rows));
        Console.WriteLine(machine);
        return Clean(rows) ? 0 : 1;
    }

    public static async Task<int> ScaleAsync(Options options)
    {
        var settings = LoadSettings.From(options);
        var botDll = options.String("bot") ?? Paths.BotDll;
        var entries = options.Int("entries", 10_000, 1, 1_000_000);
        options.ThrowOnUnknown();

        var questions = Activities.Questions();
        var machine = Measure.MachineLine();
        var folder = Path.Combine(Path.GetTempPath(), "b12bot-scale-" + Guid.NewGuid().ToString("N"));
        try
        {
            var source = Paths.KnowledgeFolder(botDll);
            var (original, total) = KnowledgeScaler.Scale(source, folder, entries);
            Console.Error.WriteLine($"scale: {original} entries grown to {total} in a temporary folder; {settings}");
            await using var stock = await BotProcess.StartAsync("B12Bot", botDll, [], questions[0], StartTimeout);
            await using var grown = await BotProcess.StartAsync($"B12Bot, {total} entries", botDll, [$"--Knowledge:Folder={folder}"], questions[0], StartTimeout);
            var rows = await Measure.RunAsync(
                [(stock, original.ToString(CultureInfo.InvariantCulture)), (grown, total.ToString(CultureInfo.InvariantCulture))],
                settings,
                questions);

            var (small, large) = (rows[0], rows[1]);
            Console.WriteLine();
            Console.WriteLine($"## B12Bot with {original} and with {total} knowledge entries ({settings})");
            Console.WriteLine();
            Console.Write(Measure.Table(rows));
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{total} entries against {original}: throughput {large.Load.Throughput / small.Load.Throughput:F2}×, p50 {large.Load.Median / small.Load.Median:F2}×, " +
                $"p99 {large.Load.P99 / small.Load.P99:F2}×, cold start {large.ColdStart.TotalSeconds / small.ColdStart.TotalSeconds:F2}×, " +
                $"peak memory {(double)(large.PeakMemory ?? 0) / Math.Max(1, small.PeakMemory ?? 1):F2}×"));
            Console.WriteLine(Measure.GeneratorLine(rows));
            Console.WriteLine(machine);
            return Clean(rows) ? 0 : 1;
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

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

    public static string KnowledgeEntries(string botDll)
    {
        var folder = KnowledgeFolder(botDll);
        return File.Exists(Path.Combine(folder, "faq.json")) ? KnowledgeScaler.Count(folder).ToString(CultureInfo.InvariantCulture) : "?";
    }
}
