using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Harmonie.Silo.Logging;

/// <summary>
/// Holds log lines while a live progress bar owns the terminal (lines written meanwhile would tear it) and
/// writes them afterwards. Bounded: beyond <see cref="Capacity"/> lines only a count is kept.
/// </summary>
public sealed class DeferredLogProvider(LogLevel minimum) : ILoggerProvider
{
    public const int Capacity = 1000;

    private readonly ConcurrentQueue<string> _lines = new();
    private int _dropped;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>Writes the held lines to <paramref name="writer"/> and forgets them.</summary>
    public void Flush(TextWriter writer)
    {
        while (_lines.TryDequeue(out var line))
        {
            writer.WriteLine(line);
        }

        if (Interlocked.Exchange(ref _dropped, 0) is > 0 and var dropped)
        {
            writer.WriteLine($"({dropped} more log line(s) were not kept)");
        }
    }

    public void Dispose()
    {
    }

    private void Add(string line)
    {
        if (_lines.Count < Capacity)
        {
            _lines.Enqueue(line);
        }
        else
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    private sealed class Logger(DeferredLogProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= owner.Minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner.Add($"{HarmonieConsoleFormatter.Level(logLevel),-7} {category} {formatter(state, exception)}");
            }
        }
    }

    private LogLevel Minimum { get; } = minimum;
}
