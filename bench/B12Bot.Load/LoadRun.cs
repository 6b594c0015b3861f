using System.Diagnostics;
using System.Net;

namespace B12Bot.Load;

/// <summary>What a load run posts: the body of request <c>seq</c> of connection <c>worker</c>.</summary>
internal delegate byte[] BodySource(int worker, long seq);

/// <summary>
/// A closed-loop load: <c>connections</c> workers, each posting the next activity as soon as the previous reply is
/// in, for a fixed time or number of requests. Latency is the time of one POST, request sent to body read.
/// </summary>
internal static class LoadRun
{
    private static readonly byte[] CitationMarker = "https://schema.org/Message"u8.ToArray();
    private static readonly byte[] MessageMarker = "\"message\""u8.ToArray();

    public static HttpClient CreateClient(int connections)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(5),
        };
        return new HttpClient(handler, disposeHandler: true) { Timeout = TimeSpan.FromSeconds(30) };
    }

    public static async Task<LoadResult> RunAsync(HttpClient client, Uri endpoint, BodySource bodies, int connections, TimeSpan duration, long maxRequests = long.MaxValue)
    {
        Guard.Loopback(endpoint);
        var me = Process.GetCurrentProcess();
        var cpuBefore = me.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        long issued = 0;
        var workers = new Task<WorkerResult>[connections];
        for (var w = 0; w < connections; w++)
        {
            var worker = w;
            workers[w] = Task.Run(async () =>
            {
                var result = new WorkerResult();
                for (long seq = 0; clock.Elapsed < duration && Interlocked.Increment(ref issued) <= maxRequests; seq++)
                {
                    await PostOnceAsync(client, endpoint, bodies(worker, seq), result);
                }

                return result;
            });
        }

        var results = await Task.WhenAll(workers);
        var elapsed = clock.Elapsed;
        me.Refresh();
        return LoadResult.Merge(results, elapsed, me.TotalProcessorTime - cpuBefore);
    }

    private static async Task PostOnceAsync(HttpClient client, Uri endpoint, byte[] body, WorkerResult result)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new("application/json");
            using var response = await client.PostAsync(endpoint, content);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            result.Latencies.Add(Stopwatch.GetTimestamp() - started);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                result.NonOk++;
                result.CountStatus((int)response.StatusCode);
                return;
            }

            result.Ok++;
            var span = bytes.AsSpan();
            if (span.IndexOf(MessageMarker) < 0)
            {
                result.NoReply++;
            }

            if (span.IndexOf(CitationMarker) >= 0)
            {
                result.Cited++;
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            result.Latencies.Add(Stopwatch.GetTimestamp() - started);
            result.Errors++;
            result.CountError(e.GetType().Name);
        }
    }
}

/// <summary>One worker's counts; merged after the run, so no locking while it runs.</summary>
internal sealed class WorkerResult
{
    public List<long> Latencies { get; } = new(16 * 1024);

    public long Ok { get; set; }

    public long NonOk { get; set; }

    public long Errors { get; set; }

    public long NoReply { get; set; }

    public long Cited { get; set; }

    public Dictionary<string, long> Kinds { get; } = new(StringComparer.Ordinal);

    public void CountStatus(int status) => Count("HTTP " + status);

    public void CountError(string kind) => Count(kind);

    private void Count(string key) => Kinds[key] = Kinds.GetValueOrDefault(key) + 1;
}

/// <summary>The figures of one load run.</summary>
internal sealed class LoadResult
{
    private readonly long[] sortedTicks;

    private LoadResult(long[] sortedTicks, TimeSpan elapsed, TimeSpan generatorCpu)
    {
        this.sortedTicks = sortedTicks;
        Elapsed = elapsed;
        GeneratorCpu = generatorCpu;
    }

    public TimeSpan Elapsed { get; }

    public TimeSpan GeneratorCpu { get; private set; }

    public long Requests => sortedTicks.Length;

    public long Ok { get; private set; }

    public long NonOk { get; private set; }

    public long Errors { get; private set; }

    public long NoReply { get; private set; }

    public long Cited { get; private set; }

    public IReadOnlyDictionary<string, long> Kinds { get; private set; } = new Dictionary<string, long>();

    public double Throughput => Requests / Elapsed.TotalSeconds;

    public double Median => PercentileMs(0.50);

    public double P99 => PercentileMs(0.99);

    public double Max => sortedTicks.Length == 0 ? double.NaN : ToMs(sortedTicks[^1]);

    public double PercentileMs(double q)
    {
        if (sortedTicks.Length == 0)
        {
            return double.NaN;
        }

        var index = (int)Math.Ceiling(q * sortedTicks.Length) - 1;
        return ToMs(sortedTicks[Math.Clamp(index, 0, sortedTicks.Length - 1)]);
    }

    public static LoadResult Merge(IReadOnlyList<WorkerResult> workers, TimeSpan elapsed, TimeSpan generatorCpu)
    {
        var ticks = workers.SelectMany(w => w.Latencies).ToArray();
        Array.Sort(ticks);
        var kinds = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (key, count) in workers.SelectMany(w => w.Kinds))
        {
            kinds[key] = kinds.GetValueOrDefault(key) + count;
        }

        return new LoadResult(ticks, elapsed, generatorCpu)
        {
            Ok = workers.Sum(w => w.Ok),
            NonOk = workers.Sum(w => w.NonOk),
            Errors = workers.Sum(w => w.Errors),
            NoReply = workers.Sum(w => w.NoReply),
            Cited = workers.Sum(w => w.Cited),
            Kinds = kinds,
        };
    }

    /// <summary>Several runs of the same target as one: requests and time add up, latencies pool.</summary>
    public static LoadResult Combine(IReadOnlyList<LoadResult> runs)
    {
        var ticks = runs.SelectMany(r => r.sortedTicks).ToArray();
        Array.Sort(ticks);
        var kinds = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (key, count) in runs.SelectMany(r => r.Kinds))
        {
            kinds[key] = kinds.GetValueOrDefault(key) + count;
        }

        return new LoadResult(ticks, TimeSpan.FromTicks(runs.Sum(r => r.Elapsed.Ticks)), TimeSpan.FromTicks(runs.Sum(r => r.GeneratorCpu.Ticks)))
        {
            Ok = runs.Sum(r => r.Ok),
            NonOk = runs.Sum(r => r.NonOk),
            Errors = runs.Sum(r => r.Errors),
            NoReply = runs.Sum(r => r.NoReply),
            Cited = runs.Sum(r => r.Cited),
            Kinds = kinds,
        };
    }

    private static double ToMs(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}

/// <summary>The load runner only ever talks to this machine.</summary>
internal static class Guard
{
    public static void Loopback(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!endpoint.IsLoopback || !IPAddress.TryParse(endpoint.Host, out var address) || !IPAddress.IsLoopback(address))
        {
            throw new ArgumentException($"only 127.0.0.1 targets are allowed, not {endpoint.Host}");
        }
    }
}
