using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace B12Bot.Tests.Hostile;

/// <summary>A logger provider that keeps every log entry, so tests can assert on errors and on what was logged.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. entries];

    public IReadOnlyList<LogEntry> Errors => [.. entries.Where(e => e.Level >= LogLevel.Error)];

    public void Clear() => entries.Clear();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            entries.Enqueue(new LogEntry(logLevel, category, eventId.Name, formatter(state, exception), exception));
        }
    }
}

/// <summary>One captured log entry.</summary>
public sealed record LogEntry(LogLevel Level, string Category, string? EventName, string Message, Exception? Exception)
{
    /// <summary>Everything the entry would write: its message, the exception and its inner ones.</summary>
    public string FullText => Exception is null ? Message : Message + Environment.NewLine + Exception;

    public override string ToString() => $"{Level} {Category} {EventName}: {FullText}";
}
