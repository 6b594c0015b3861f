using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit.Abstractions;

namespace B12Bot.Tests.State;

/// <summary>
/// The built bot (<c>src/Bot/bin/&lt;Configuration&gt;/net10.0/B12Bot.dll</c>) run as its own operating-system
/// process on 127.0.0.1, configured by command-line arguments, as it runs in production. It can be killed
/// abruptly (a crash) and started again with the same settings on the same port. Everything it writes to
/// stdout and stderr is kept, for assertions on its log and to show when a test fails.
/// </summary>
public sealed class BotProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(20);
    private const int MaxKeptCharacters = 4_000_000;
    private const int MaxShownCharacters = 60_000;
    private static readonly TimeSpan SettleQuiet = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan SettleCap = TimeSpan.FromSeconds(3);
    private static readonly Lazy<string> AppFolderOnce = new(FindAppFolder);

    private readonly string[] _settings;
    private readonly StringBuilder _output = new();
    private readonly object _gate = new();
    private Process? _process;
    private int _starts;

    /// <param name="name">Shown in the captured output and in failure messages ("A", "B" …).</param>
    /// <param name="settings">Configuration as <c>Key=Value</c> (for example <c>Storage:Kind=Sqlite</c>).</param>
    public BotProcess(string name, params string[] settings)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(settings);
        Name = name;
        _settings = settings;
        Port = FreePort();
        BaseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}/"));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillQuietly();
    }

    public string Name { get; }

    public int Port { get; }

    public Uri BaseAddress { get; }

    public bool IsRunning
    {
        get
        {
            lock (_gate)
            {
                return _process is { HasExited: false };
            }
        }
    }

    /// <summary>The folder of the built bot: <c>src/Bot/bin/&lt;Configuration&gt;/net10.0</c> of this checkout.</summary>
    public static string AppFolder => AppFolderOnce.Value;

    /// <summary>Starts the bot and returns once <c>/healthz</c> answers 200; fails with its output when it does not.</summary>
    public static async Task<BotProcess> StartAsync(string name, params string[] settings)
    {
        var bot = new BotProcess(name, settings);
        try
        {
            await bot.StartAsync();
            return bot;
        }
        catch
        {
            await bot.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts (or starts again, after <see cref="KillAsync"/>) the bot with the same settings and port.</summary>
    public async Task StartAsync()
    {
        Process process;
        lock (_gate)
        {
            if (_process is { HasExited: false })
            {
                throw new InvalidOperationException($"Bot {Name} is already running.");
            }

            _starts++;
            _output.Append(CultureInfo.InvariantCulture, $"----- bot {Name}, start {_starts}, port {Port} -----").AppendLine();
            process = new Process { StartInfo = StartInfo() };
            process.OutputDataReceived += (_, e) => Capture(e.Data);
            process.ErrorDataReceived += (_, e) => Capture(e.Data);
            try
            {
                process.Start();
            }
            catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                process.Dispose();
                throw new InvalidOperationException($"Bot {Name} could not be started with 'dotnet': {ex.Message}", ex);
            }

            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            _process = process;
        }

        await WaitUntilHealthyAsync(process);
    }

    /// <summary>Kills the process at once (SIGKILL), like a crash or a pulled plug: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        Process? process;
        lock (_gate)
        {
            process = _process;
            _process = null;
        }

        if (process is null)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            using var patience = new CancellationTokenSource(ExitTimeout);
            await process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            throw new InvalidOperationException($"Bot {Name} (pid {process.Id}) did not exit within {ExitTimeout.TotalSeconds} s of being killed.");
        }
        finally
        {
            process.Dispose();
        }
    }

    /// <summary>Everything the bot wrote to stdout and stderr, over all its starts.</summary>
    public string Output
    {
        get
        {
            lock (_gate)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>An HTTP client for this bot (bounded: a turn that takes longer than this is a failure).</summary>
    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Where the output is now: pass it to the assertions to look only at what was written afterwards.</summary>
    public int Mark()
    {
        lock (_gate)
        {
            return _output.Length;
        }
    }

    /// <summary>The output written since <paramref name="mark"/> (see <see cref="Mark"/>).</summary>
    public string OutputSince(int mark)
    {
        lock (_gate)
        {
            var from = Math.Clamp(mark, 0, _output.Length);
            return _output.ToString(from, _output.Length - from);
        }
    }

    /// <summary>
    /// Waits until the bot has written nothing new for a moment (its console logger writes from a queue, a little
    /// after the turn it reports), at most a few seconds; then returns the whole output.
    /// </summary>
    public async Task<string> SettledOutputAsync()
    {
        var clock = Stopwatch.StartNew();
        var length = Mark();
        while (clock.Elapsed < SettleCap)
        {
            await Task.Delay(SettleQuiet);
            var now = Mark();
            if (now == length)
            {
                break;
            }

            length = now;
        }

        return Output;
    }

    /// <summary>Fails when the bot logged an error, or any exception at all, since <paramref name="mark"/> (no outage tolerated).</summary>
    public async Task AssertNothingFailedAsync(int mark = 0)
    {
        await SettledOutputAsync();
        var output = OutputSince(mark);
        var bad = Lines(output)
            .Where(l => IsError(l) || l.Contains("Exception", StringComparison.Ordinal) || l.Contains("Unhandled", StringComparison.Ordinal))
            .ToList();
        Assert.True(bad.Count == 0, $"Bot {Name} logged errors or exceptions:{Environment.NewLine}{output}");
    }

    /// <summary>Fails when the bot logged at Error or Critical level since <paramref name="mark"/> (warnings, such as an outage, are allowed).</summary>
    public async Task AssertNoErrorsLoggedAsync(int mark = 0)
    {
        await SettledOutputAsync();
        var output = OutputSince(mark);
        Assert.True(!Lines(output).Any(IsError), $"Bot {Name} logged errors:{Environment.NewLine}{output}");
    }

    /// <summary>Where the output goes when the bot is disposed (a test's output, shown when the test fails).</summary>
    public ITestOutputHelper? ShowOutputTo { get; set; }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        if (ShowOutputTo is { } show)
        {
            var output = Output;
            show.WriteLine(output.Length <= MaxShownCharacters ? output : "…" + output[^MaxShownCharacters..]);
        }
    }

    private static IEnumerable<string> Lines(string output) => output.Split('\n').Select(l => l.TrimEnd('\r'));

    /// <summary>A line of the console logger at Error ("fail:") or Critical ("crit:") level.</summary>
    private static bool IsError(string line) =>
        line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal);

    private ProcessStartInfo StartInfo()
    {
        var dll = Path.Combine(AppFolder, "B12Bot.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            // The content root (appsettings.json) is the working folder, as when the app is run from its folder.
            WorkingDirectory = AppFolder,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(BaseAddress.GetLeftPart(UriPartial.Authority));
        foreach (var setting in _settings)
        {
            start.ArgumentList.Add("--" + setting);
        }

        // Production, whatever the test runner's environment says; no app id, so no tokens are needed.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("MicrosoftAppId");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        return start;
    }

    private async Task WaitUntilHealthyAsync(Process process)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Bot {Name} exited with code {process.ExitCode} while starting.{Environment.NewLine}{Output}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        await KillAsync();
        throw new InvalidOperationException($"Bot {Name} did not answer /healthz within {StartTimeout.TotalSeconds} s.{Environment.NewLine}{Output}");
    }

    private void Capture(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            if (_output.Length < MaxKeptCharacters)
            {
                _output.AppendLine(line);
            }
        }
    }

    private void KillQuietly()
    {
        try
        {
            lock (_gate)
            {
                if (_process is { HasExited: false } process)
                {
                    process.Kill(entireProcessTree: true);
                }
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static string FindAppFolder()
    {
        // The tests run from tests/B12Bot.Tests/bin/<Configuration>/<framework>/: the bot was built with the same configuration.
        var testFolder = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testFolder.Name;
        var configuration = testFolder.Parent?.Name ?? "Debug";
        for (var folder = testFolder; folder is not null; folder = folder.Parent)
        {
            if (!File.Exists(Path.Combine(folder.FullName, "B12Bot.sln")))
            {
                continue;
            }

            var app = Path.Combine(folder.FullName, "src", "Bot", "bin", configuration, framework);
            if (!File.Exists(Path.Combine(app, "B12Bot.dll")) || !File.Exists(Path.Combine(app, "B12Bot.runtimeconfig.json")))
            {
                throw new InvalidOperationException(
                    $"The built bot is missing: no B12Bot.dll in {app}. Build the solution with the same configuration "
                    + $"({configuration}) before running these tests, for example 'dotnet build B12Bot.sln -c {configuration}'.");
            }

            return app;
        }

        throw new InvalidOperationException($"No B12Bot.sln above {AppContext.BaseDirectory}: run the tests from a checkout.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
