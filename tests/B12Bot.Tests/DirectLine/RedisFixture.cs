using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace B12Bot.Tests.DirectLine;

/// <summary>
/// A real Redis (Debian's <c>redis-server</c>, installed by scripts/test.sh) of its own, on a free loopback port,
/// without persistence. It can be killed (SIGKILL, a crash) and started again on the same port.
/// </summary>
public sealed class RedisFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim gate = new(1, 1);
    private Process? process;

    public RedisFixture()
    {
        Port = FreePort();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillNow();
    }

    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration for this server: short timeouts, so an outage shows at once.</summary>
    public string Configuration => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port},connectTimeout=2000,syncTimeout=2000,asyncTimeout=2000,connectRetry=1");

    /// <summary>A key prefix no other test uses.</summary>
    public static string NewPrefix() => "t" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture)[..12] + ":";

    public Task InitializeAsync() => StartAsync();

    public async Task DisposeAsync() => await KillAsync();

    public async Task StartAsync()
    {
        await gate.WaitAsync();
        try
        {
            if (process is { HasExited: false })
            {
                return;
            }

            var start = new ProcessStartInfo(Executable())
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = Path.GetTempPath(),
            };
            foreach (var argument in new[]
            {
                "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty,
                "--appendonly", "no", "--protected-mode", "yes", "--daemonize", "no", "--loglevel", "warning",
            })
            {
                start.ArgumentList.Add(argument);
            }

            var started = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
            started.OutputDataReceived += (_, _) => { };
            started.ErrorDataReceived += (_, _) => { };
            started.BeginOutputReadLine();
            started.BeginErrorReadLine();
            process = started;
            await WaitUntilListeningAsync(started);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Kills Redis at once (SIGKILL): everything in it is lost, its port is free.</summary>
    public async Task KillAsync()
    {
        await gate.WaitAsync();
        try
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
        finally
        {
            gate.Release();
        }
    }

    private static string Executable()
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Append("/usr/bin").Append("/usr/sbin"))
        {
            var candidate = Path.Combine(folder, "redis-server");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("redis-server is not installed: run scripts/test.sh (it installs Debian's redis-server) or apt-get install redis-server.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitUntilListeningAsync(Process started)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (started.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with code {started.ExitCode} while starting on port {Port}.");
            }

            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        KillNow();
        throw new InvalidOperationException($"redis-server did not listen on port {Port} within {StartTimeout.TotalSeconds} s.");
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

/// <summary>One Redis for every test class that needs one.</summary>
[CollectionDefinition(Name)]
public sealed class RedisGroup : ICollectionFixture<RedisFixture>
{
    public const string Name = "Redis";
}
