using System.Globalization;
using System.Text;

namespace B12Bot.Load;

/// <summary>How long and how hard to load each bot.</summary>
internal sealed record LoadSettings(int Connections, TimeSpan Duration, TimeSpan Warmup, int Rounds)
{
    public static LoadSettings From(Options options) => new(
        options.Int("connections", 16, 1, 1024),
        TimeSpan.FromSeconds(options.Double("duration", 15, 1, 600)),
        TimeSpan.FromSeconds(options.Double("warmup", 30, 0, 300)),
        options.Int("rounds", 2, 1, 20));

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Connections} connections, {Rounds} round(s) of {Duration.TotalSeconds:F0} s per bot after {Warmup.TotalSeconds:F0} s warm-up");
}

/// <summary>One bot's figures.</summary>
internal sealed record Measured(string Name, string Entries, LoadResult Load, TimeSpan ColdStart, TimeSpan ServerCpu, long? PeakMemory, long ErrorLogLines);

/// <summary>Loads several running bots with the same questions and concurrency, alternating between them per round.</summary>
internal static class Measure
{
    private const int BodiesPerWorker = 64;
    private const int ConversationsPerWorker = 8;

    public static async Task<IReadOnlyList<Measured>> RunAsync(IReadOnlyList<(BotProcess Bot, string Entries)> targets, LoadSettings settings, IReadOnlyList<string> questions)
    {
        var bodies = Bodies(settings.Connections, questions);
        using var client = LoadRun.CreateClient(settings.Connections);
        foreach (var (bot, _) in targets)
        {
            if (settings.Warmup > TimeSpan.Zero)
            {
                Console.Error.WriteLine($"warming up {bot.Name} …");
                await LoadRun.RunAsync(client, bot.Messages, bodies, settings.Connections, settings.Warmup);
            }
        }

        var runs = targets.Select(_ => new List<LoadResult>()).ToList();
        var cpu = new TimeSpan[targets.Count];
        for (var round = 0; round < settings.Rounds; round++)
        {
            for (var t = 0; t < targets.Count; t++)
            {
                var bot = targets[t].Bot;
                Console.Error.WriteLine($"round {round + 1}/{settings.Rounds}: {bot.Name} …");
                var before = bot.CpuTime();
                var result = await LoadRun.RunAsync(client, bot.Messages, bodies, settings.Connections, settings.Duration);
                cpu[t] += bot.CpuTime() - before;
                runs[t].Add(result);
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {result.Throughput:F0} req/s, p50 {result.Median:F2} ms, p99 {result.P99:F2} ms, non-200 {result.NonOk}, errors {result.Errors}"));
            }
        }

        return targets.Select((t, i) => new Measured(
            t.Bot.Name,
            t.Entries,
            LoadResult.Combine(runs[i]),
            t.Bot.ColdStart,
            cpu[i],
            t.Bot.PeakMemoryBytes(),
            t.Bot.ErrorLogLines)).ToList();
    }

    /// <summary>Per connection a ring of activities: the questions in turn, spread over a few conversations.</summary>
    public static BodySource Bodies(int connections, IReadOnlyList<string> questions)
    {
        var rings = new byte[connections][][];
        for (var w = 0; w < connections; w++)
        {
            rings[w] = new byte[BodiesPerWorker][];
            for (var k = 0; k < BodiesPerWorker; k++)
            {
                var question = questions[((w * 7) + k) % questions.Count];
                rings[w][k] = Activities.Message(question, $"load-{w}-{k % ConversationsPerWorker}", $"user-{w}");
            }
        }

        return (worker, seq) => rings[worker][seq % BodiesPerWorker];
    }

    public static string Table(IReadOnlyList<Measured> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| bot | entries | requests | throughput (req/s) | p50 (ms) | p99 (ms) | max (ms) | non-200 | errors | with citation | cold start (s) | peak RSS (MB) | bot CPU per request (ms) | error log lines |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            var load = row.Load;
            var cited = load.Ok == 0 ? 0 : 100.0 * load.Cited / load.Ok;
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Name} | {row.Entries} | {load.Requests} | {load.Throughput:F0} | {load.Median:F2} | {load.P99:F2} | {load.Max:F1} | {load.NonOk} | {load.Errors} | {cited:F0}% | {row.ColdStart.TotalSeconds:F2} | {Mb(row.PeakMemory)} | {row.ServerCpu.TotalMilliseconds / Math.Max(1, load.Requests):F3} | {row.ErrorLogLines} |"));
        }

        return text.ToString();
    }

    /// <summary>How much of the machine the load generator itself used: it shares the cores with the bot.</summary>
    public static string GeneratorLine(IReadOnlyList<Measured> rows)
    {
        var cpu = TimeSpan.FromTicks(rows.Sum(r => r.Load.GeneratorCpu.Ticks));
        var wall = TimeSpan.FromTicks(rows.Sum(r => r.Load.Elapsed.Ticks));
        var requests = rows.Sum(r => r.Load.Requests);
        var botCpu = TimeSpan.FromTicks(rows.Sum(r => r.ServerCpu.Ticks));
        return string.Create(CultureInfo.InvariantCulture,
            $"load generator: {cpu.TotalSeconds:F1} CPU-s in {wall.TotalSeconds:F0} s ({100 * cpu.TotalSeconds / wall.TotalSeconds / Environment.ProcessorCount:F0}% of {Environment.ProcessorCount} cores), " +
            $"{cpu.TotalMilliseconds / Math.Max(1, requests):F3} ms CPU per request; the bots used {botCpu.TotalSeconds:F1} CPU-s ({100 * botCpu.TotalSeconds / wall.TotalSeconds / Environment.ProcessorCount:F0}%).");
    }

    public static string MachineLine()
    {
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
        return $"machine: {Environment.ProcessorCount} cores, load average {load} before the run, .NET {Environment.Version}";
    }

    private static string Mb(long? bytes) => bytes is { } b ? (b / (1024.0 * 1024.0)).ToString("F0", CultureInfo.InvariantCulture) : "?";
}
