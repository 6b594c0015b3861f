using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace B12Bot.Tests.DirectLine;

/// <summary>
/// One B12Bot server as its own process (<c>dotnet B12Bot.dll</c>, the build the tests were built with) on real
/// Kestrel on a loopback port, so it can be killed with SIGKILL like a crashed machine and started again.
/// </summary>
public sealed class BotInstance : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly IReadOnlyDictionary<string, string> settings;
    private readonly StringBuilder output = new();
    private Process? process;

    public BotInstance(string name, IReadOnlyDictionary<string, string> settings)
    {
        Name = name;
        this.settings = settings;
        Port = FreePort();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillNow();
    }

    public string Name { get; }

    public int Port { get; }

    public Uri Address => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}"));

    public bool IsRunning => process is { HasExited: false };

    /// <summary>A plain HTTP client for this instance (no cookies, no redirects followed).</summary>
    public HttpClient Http() => new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = Address };

    public async Task StartAsync()
    {
        if (IsRunning)
        {
            return;
        }

        var (dll, contentRoot) = Locate();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = contentRoot,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_URLS"] = Address.ToString().TrimEnd('/');
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var started = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        started.OutputDataReceived += (_, e) => Capture(e.Data);
        started.ErrorDataReceived += (_, e) => Capture(e.Data);
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        process = started;
        await WaitUntilHealthyAsync(started);
    }

    /// <summary>Kills the server at once (SIGKILL): no shutdown, no flushing, connections cut.</summary>
    public async Task KillAsync()
    {
        if (process is { } running)
        {
            process = null;
            if (!running.HasExited)
            {
                running.Kill();
                await running.WaitForExitAsync();
            }

            running.Dispose();
        }
    }

    public async ValueTask DisposeAsync() => await KillAsync();

    /// <summary>What the server wrote (for a failure message).</summary>
    public string Output()
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    /// <summary>The host's build next to this test build (same configuration), and its project folder as content root.</summary>
    private static (string Dll, string ContentRoot) Locate()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory);
        var framework = testBin.Name;
        var configuration = testBin.Parent!.Name;
        var root = testBin;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "B12Bot.sln")))
        {
            root = root.Parent;
        }

        if (root is null)
        {
            throw new InvalidOperationException("Cannot find the repository root (B12Bot.sln) above " + AppContext.BaseDirectory);
        }

        var project = Path.Combine(root.FullName, "src", "Bot");
        var dll = Path.Combine(project, "bin", configuration, framework, "B12Bot.dll");
        return File.Exists(dll) ? (dll, project) : throw new InvalidOperationException("The host is not built: " + dll);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitUntilHealthyAsync(Process started)
    {
        using var http = Http();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (started.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {started.ExitCode} while starting.{Environment.NewLine}{Output()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        KillNow();
        throw new InvalidOperationException($"{Name} did not answer /healthz within {StartTimeout.TotalSeconds} s.{Environment.NewLine}{Output()}");
    }

    private void Capture(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            if (output.Length < 32_000)
            {
                output.AppendLine(line);
            }
        }
    }

    private void KillNow()
    {
        try
        {
            if (process is { HasExited: false } running)
            {
                running.Kill();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
