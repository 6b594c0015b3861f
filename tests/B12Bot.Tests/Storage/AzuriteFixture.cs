using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace B12Bot.Tests.Storage;

/// <summary>
/// A real Azurite blob service (the npm package pinned in the repository's package.json) on a free port,
/// storing its data in a temporary folder. It can be stopped and started again on the same port and folder,
/// with its data kept, to test outages and restarts. Fails loudly when Azurite cannot start.
/// </summary>
/// <remarks>Use as a class or collection fixture; every user gets its own process, port and folder.</remarks>
public sealed class AzuriteFixture : IAsyncLifetime
{
    /// <summary>The emulator's documented development account (public; not a secret).</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>The emulator's documented development account key (public; not a secret).</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(20);
    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly StringBuilder _output = new();
    private Process? _process;
    private bool _paused;

    public AzuriteFixture()
    {
        Port = FreePort();
        Location = Directory.CreateTempSubdirectory("b12bot-azurite-").FullName;
        RepositoryRoot = FindRepositoryRoot();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillNow();
    }

    public int Port { get; }

    /// <summary>The folder Azurite keeps its data in (kept across <see cref="StopAsync"/>/<see cref="StartAsync"/>).</summary>
    public string Location { get; }

    public string RepositoryRoot { get; }

    public string BlobEndpoint => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}/{AccountName}");

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};BlobEndpoint={BlobEndpoint};";

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>A container name no other test uses.</summary>
    public static string NewContainerName() => "t" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);

    public Task InitializeAsync() => StartAsync();

    public async Task DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(Location, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    /// <summary>Starts Azurite (again) on <see cref="Port"/> with <see cref="Location"/>; returns once it accepts connections.</summary>
    public async Task StartAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (IsRunning)
            {
                return;
            }

            var executable = await EnsureInstalledAsync(RepositoryRoot);
            lock (_output)
            {
                _output.Clear();
            }

            var start = new ProcessStartInfo(executable)
            {
                WorkingDirectory = Location,
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var argument in new[]
            {
                "--blobHost", "127.0.0.1",
                "--blobPort", Port.ToString(CultureInfo.InvariantCulture),
                "--location", Location,
                "--disableTelemetry", "--skipApiVersionCheck", "--loose", "--silent",
            })
            {
                start.ArgumentList.Add(argument);
            }

            var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => Capture(e.Data);
            process.ErrorDataReceived += (_, e) => Capture(e.Data);
            try
            {
                process.Start();
            }
            catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                process.Dispose();
                throw new InvalidOperationException($"Azurite could not be started from {executable}: {ex.Message}", ex);
            }

            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            _process = process;
            await WaitUntilListeningAsync(process);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops Azurite the way a service stop does (SIGTERM), so its data is flushed to <see cref="Location"/>.</summary>
    public async Task StopAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_process is not { } process)
            {
                return;
            }

            _process = null;
            if (!process.HasExited)
            {
                if (_paused)
                {
                    await SendSignalAsync(process, "-CONT");
                    _paused = false;
                }

                await SendSignalAsync(process, "-TERM");

                using var patience = new CancellationTokenSource(StopTimeout);
                try
                {
                    await process.WaitForExitAsync(patience.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync();
                }
            }

            process.Dispose();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Freezes Azurite (SIGSTOP): it keeps its port and accepts connections but answers nothing, like a hung
    /// or unreachable service. <see cref="ResumeAsync"/> thaws it.
    /// </summary>
    public Task PauseAsync() => SignalAsync("-STOP", paused: true);

    /// <summary>Thaws Azurite after <see cref="PauseAsync"/> (SIGCONT).</summary>
    public Task ResumeAsync() => SignalAsync("-CONT", paused: false);

    /// <summary>Kills Azurite abruptly (a crash): data written in its last few seconds may be lost.</summary>
    public async Task KillAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_process is { } process)
            {
                _process = null;
                _paused = false;
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync();
                }

                process.Dispose();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task SignalAsync(string signal, bool paused)
    {
        await _gate.WaitAsync();
        try
        {
            if (_process is not { HasExited: false } process)
            {
                throw new InvalidOperationException("Azurite is not running.");
            }

            await SendSignalAsync(process, signal);
            _paused = paused;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static async Task SendSignalAsync(Process process, string signal)
    {
        using var kill = Process.Start("kill", [signal, process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill {signal} {process.Id} failed with exit code {kill.ExitCode}.");
        }
    }

    private void KillNow()
    {
        try
        {
            if (_process is { HasExited: false } process)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private async Task WaitUntilListeningAsync(Process process)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"Azurite exited with code {process.ExitCode} while starting on port {Port}.{Environment.NewLine}{CapturedOutput()}");
            }

            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        KillNow();
        throw new InvalidOperationException(
            $"Azurite did not listen on port {Port} within {StartTimeout.TotalSeconds} s.{Environment.NewLine}{CapturedOutput()}");
    }

    private void Capture(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length < 16_000)
            {
                _output.AppendLine(line);
            }
        }
    }

    private string CapturedOutput()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    /// <summary>The azurite-blob launcher in node_modules; runs <c>npm ci</c> at the repository root when missing.</summary>
    private static async Task<string> EnsureInstalledAsync(string root)
    {
        var executable = Path.Combine(root, "node_modules", ".bin", "azurite-blob");
        await InstallGate.WaitAsync();
        try
        {
            if (File.Exists(executable))
            {
                return executable;
            }

            var npm = new ProcessStartInfo("npm")
            {
                WorkingDirectory = root,
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var argument in new[] { "ci", "--no-audit", "--no-fund", "--loglevel=error" })
            {
                npm.ArgumentList.Add(argument);
            }

            using var process = Process.Start(npm)
                ?? throw new InvalidOperationException("npm could not be started to install Azurite.");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0 || !File.Exists(executable))
            {
                throw new InvalidOperationException(
                    $"Azurite is not installed and 'npm ci' in {root} failed (exit {process.ExitCode}).{Environment.NewLine}{await stdout}{await stderr}");
            }

            return executable;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"Azurite is not installed in {root} and npm is not available to install it.", ex);
        }
        finally
        {
            InstallGate.Release();
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "package.json")) && File.Exists(Path.Combine(folder.FullName, "B12Bot.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds both package.json and B12Bot.sln.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
