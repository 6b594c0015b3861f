using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace B12Bot.Load;

/// <summary>
/// A bot started as its own Release process (<c>dotnet the.dll --urls http://127.0.0.1:port</c>), with its cold
/// start (spawn → first answered question), CPU time and peak memory (VmHWM).
/// </summary>
internal sealed class BotProcess : IAsyncDisposable
{
    private const int KeptLogLines = 40;

    private readonly Process process;
    private readonly Queue<string> log = new();
    private long errorLines;

    private BotProcess(string name, Process process, Uri baseAddress)
    {
        Name = name;
        this.process = process;
        BaseAddress = baseAddress;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    public Uri BaseAddress { get; }

    public Uri Messages => new(BaseAddress, "/api/messages");

    public int Id => process.Id;

    /// <summary>Spawn to the first 200 with a reply to a question.</summary>
    public TimeSpan ColdStart { get; private set; }

    public bool HasExited => process.HasExited;

    /// <summary>Error and Critical lines the bot has logged so far.</summary>
    public long ErrorLogLines => Interlocked.Read(ref errorLines);

    /// <summary>Starts <paramref name="dll"/> on a free loopback port and waits until it answers <paramref name="firstQuestion"/>.</summary>
    public static async Task<BotProcess> StartAsync(string name, string dll, IEnumerable<string> extraArgs, string firstQuestion, TimeSpan timeout)
    {
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"{name}: {dll} not found; build it in Release first (bench/run-http.sh does)");
        }

        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(dll))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.GetFullPath(dll));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));
        foreach (var arg in extraArgs)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        var clock = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{name}: could not start dotnet");
        var bot = new BotProcess(name, process, baseAddress);
        try
        {
            await bot.WaitForFirstAnswerAsync(firstQuestion, clock, timeout);
        }
        catch
        {
            await bot.DisposeAsync();
            throw;
        }

        return bot;
    }

    /// <summary>Total CPU time (user + system) the process has used so far.</summary>
    public TimeSpan CpuTime()
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    /// <summary>Peak resident memory in bytes (VmHWM of /proc/pid/status), or null where /proc is missing.</summary>
    public long? PeakMemoryBytes() => ReadStatusKilobytes(process.Id, "VmHWM:") * 1024;

    public long? CurrentMemoryBytes() => ReadStatusKilobytes(process.Id, "VmRSS:") * 1024;

    /// <summary>The last lines the process wrote, for error reports.</summary>
    public string RecentLog()
    {
        lock (log)
        {
            return string.Join(Environment.NewLine, log);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                // Reported by the caller's own checks; nothing more to do here.
            }
        }

        process.Dispose();
    }

    private async Task WaitForFirstAnswerAsync(string question, Stopwatch clock, TimeSpan timeout)
    {
        using var handler = new SocketsHttpHandler { UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(2) };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var body = Activities.Message(question, "coldstart-" + Guid.NewGuid().ToString("N"), "coldstart");
        while (clock.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {process.ExitCode} before answering:{Environment.NewLine}{RecentLog()}");
            }

            try
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new("application/json");
                using var response = await client.PostAsync(Messages, content);
                var text = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.OK && text.Contains("\"message\"", StringComparison.Ordinal))
                {
                    ColdStart = clock.Elapsed;
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"{Name} did not answer within {timeout.TotalSeconds:F0} s:{Environment.NewLine}{RecentLog()}");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        // The console logger starts an Error line with "fail:" and a Critical one with "crit:".
        if (line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref errorLines);
        }

        lock (log)
        {
            log.Enqueue(line);
            while (log.Count > KeptLogLines)
            {
                log.Dequeue();
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static long? ReadStatusKilobytes(int pid, string field)
    {
        var path = $"/proc/{pid}/status";
        if (!File.Exists(path))
        {
            return null;
        }

        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                var number = line[field.Length..].Trim().Split(' ')[0];
                return long.Parse(number, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }
}
