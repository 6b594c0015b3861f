using System.Net;
using B12Bot.Tests.Hostile;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace B12Bot.Tests.Testing;

/// <summary>
/// The real app in-process behind Kestrel on 127.0.0.1 (real HTTP over a socket), in the environment and with the
/// settings a test gives, every log entry captured and, when given, a clock the test moves by hand.
/// </summary>
public sealed class LiveBotFactory(string environment, IReadOnlyDictionary<string, string?> settings, TimeProvider? clock = null)
    : WebApplicationFactory<Program>
{
    private Uri? _address;

    private readonly LogSignal _signal = new();

    public LogCapture Logs { get; } = new();

    /// <summary>Completes when the app logs an entry that <paramref name="match"/> accepts (from now on).</summary>
    public Task<LogEntry> WhenLogged(Func<LogEntry, bool> match) => _signal.When(match);

    /// <summary>Where the bot listens (starts it on first use).</summary>
    public Uri Address => _address ??= StartListening();

    /// <summary>A client of the bot over a socket, bounded so that a hang is a failure.</summary>
    public HttpClient CreateHttpClient() => new() { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment(environment);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<ILoggerProvider>(Logs);
            services.AddSingleton<ILoggerProvider>(_signal);
            if (clock is not null)
            {
                services.AddSingleton(clock);
            }
        });
    }

    private Uri StartListening()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.EndsWith('/') ? address : address + "/");
    }
}

/// <summary>Completes waiters when a matching entry is logged, so a test awaits a background effect instead of polling.</summary>
internal sealed class LogSignal : ILoggerProvider
{
    private readonly Lock _gate = new();
    private readonly List<(Func<LogEntry, bool> Match, TaskCompletionSource<LogEntry> Done)> _waiters = [];

    public Task<LogEntry> When(Func<LogEntry, bool> match)
    {
        var done = new TaskCompletionSource<LogEntry>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _waiters.Add((match, done));
        }

        return done.Task;
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Publish(LogEntry entry)
    {
        lock (_gate)
        {
            foreach (var waiter in _waiters.Where(w => w.Match(entry)).ToList())
            {
                waiter.Done.TrySetResult(entry);
                _waiters.Remove(waiter);
            }
        }
    }

    private sealed class Logger(LogSignal signal, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            signal.Publish(new LogEntry(logLevel, category, eventId.Name, formatter(state, exception), exception));
        }
    }
}
