using System.Diagnostics;
using B12Bot.Benchmarks.Support;

namespace B12Bot.Benchmarks;

/// <summary>
/// <c>turn-profile [SECONDS] [ROUNDS]</c>: the echo bot and B12Bot (SQLite and memory state) in this one process,
/// warmed up, then loaded in turn (echo, B12Bot, B12Bot memory, echo, …) one request at a time through the in-memory
/// HTTP pipeline; prints the process CPU and the bytes allocated per turn of each, and B12Bot's ratios to echo. CPU
/// time is steadier than wall-clock time on a busy machine.
/// </summary>
internal static class TurnProfile
{
    private static readonly string[] Bots = ["Echo", "B12Bot", "B12BotMemory"];

    public static int Run(string[] args)
    {
        var seconds = args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 3;
        var rounds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 4;
        var extra = args.Length > 2 ? args[2..] : [];

        // --walkthrough: every conversation first starts the walkthrough, then each turn asks a free question while
        // it waits (the load run's conversations after its walkthrough question).
        var walkthrough = extra.Contains("--walkthrough", StringComparer.Ordinal);
        extra = [.. extra.Where(a => a != "--walkthrough")];

        // --show: print one reply body of each bot (what a turn serialises) before loading them.
        var show = extra.Contains("--show", StringComparer.Ordinal);
        extra = [.. extra.Where(a => a != "--show")];

        // --only NAME (Echo, B12Bot or B12BotMemory): load that bot alone, for a profiler attached to the process.
        var only = extra.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault();
        extra = [.. extra.Where((a, i) => a != "--only" && (i == 0 || extra[i - 1] != "--only"))];
        var (question, setup) = walkthrough
            ? ("Wat is pernicieuze anemie?", "Na mijn maagverkleining is mijn B12 laag, hoe komt dat?")
            : ("omeprazol en b12", (string?)null);
        var loadBefore = LoadAverage();
        var hosts = Bots
            .Where(name => only is null || name == only)
            .Select(name => name == "Echo" ? HttpBotHost.Start(name, question) : HttpBotHost.Start(name, question, setup, extra))
            .ToArray();
        if (hosts.Length == 0)
        {
            Console.Error.WriteLine("--only takes Echo, B12Bot or B12BotMemory");
            return 2;
        }
        try
        {
            if (show)
            {
                foreach (var host in hosts)
                {
                    var body = host.ReplyAsync().GetAwaiter().GetResult();
                    Console.WriteLine($"{host.Name}: {System.Text.Encoding.UTF8.GetByteCount(body)} bytes");
                    Console.WriteLine(body);
                    foreach (var (key, value) in host.StoredState().Take(1))
                    {
                        Console.WriteLine($"{host.Name} stores {System.Text.Encoding.UTF8.GetByteCount(value)} bytes under {key}:");
                        Console.WriteLine(value);
                    }
                }
            }

            // Long enough for tiered compilation to reach the hot paths' optimised code.
            foreach (var host in hosts)
            {
                Load(host, TimeSpan.FromSeconds(Math.Max(5, seconds * 2)));
            }

            var sqlite = hosts.FirstOrDefault(h => h.Name == "B12Bot");
            var stateBefore = sqlite?.StateRows() ?? default;
            var totals = hosts.ToDictionary(h => h.Name, _ => (Cpu: TimeSpan.Zero, Bytes: 0L, Turns: 0L, WorkItems: 0L));
            for (var round = 0; round < rounds; round++)
            {
                foreach (var host in hosts)
                {
                    var measured = Load(host, TimeSpan.FromSeconds(seconds));
                    var t = totals[host.Name];
                    totals[host.Name] = (t.Cpu + measured.Cpu, t.Bytes + measured.Bytes, t.Turns + measured.Turns, t.WorkItems + measured.WorkItems);
                }
            }

            Console.WriteLine($"load average before: {loadBefore}; {rounds} rounds of {seconds} s per bot");
            var echo = totals.TryGetValue("Echo", out var e) ? e : totals.Values.First();
            var echoCpu = echo.Cpu.TotalMicroseconds / echo.Turns;
            foreach (var (name, t) in totals)
            {
                var cpu = t.Cpu.TotalMicroseconds / t.Turns;
                Console.WriteLine($"{name,-14} {t.Turns,8} turns  {cpu,8:F1} µs CPU/turn ({cpu / echoCpu:F2}× echo)  {t.Bytes / 1024.0 / t.Turns,7:F1} KB/turn  {(double)t.WorkItems / t.Turns,5:F2} thread-pool work items/turn");
            }

            var stateAfter = sqlite?.StateRows() ?? default;
            Console.WriteLine(sqlite is null ? "B12Bot's SQLite state: not loaded" : $"B12Bot's SQLite state: {stateBefore.Rows} rows before the measured rounds, {stateAfter.Rows} after; "
                + (stateAfter.LastWrite > stateBefore.LastWrite ? "written during them" : "not written during them"));
            Console.WriteLine($"load average after: {LoadAverage()}");
        }
        finally
        {
            foreach (var host in hosts)
            {
                host.Dispose();
            }
        }

        return 0;
    }

    private static (TimeSpan Cpu, long Bytes, long Turns, long WorkItems) Load(HttpBotHost host, TimeSpan duration)
    {
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var workItems = ThreadPool.CompletedWorkItemCount;
        var bytes = GC.GetTotalAllocatedBytes(precise: false);
        var clock = Stopwatch.StartNew();
        long turns = 0;
        while (clock.Elapsed < duration)
        {
            for (var i = 0; i < 50; i++)
            {
                host.AskAsync().GetAwaiter().GetResult();
            }

            turns += 50;
        }

        process.Refresh();
        return (process.TotalProcessorTime - cpu, GC.GetTotalAllocatedBytes(precise: false) - bytes, turns, ThreadPool.CompletedWorkItemCount - workItems);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
