using Harmonie.Scanning;

namespace Harmonie.Grains.Scanning;

/// <summary>
/// Collects a library's counter increments and failures (from any thread) and hands them to the
/// coordinator in batches, so a large library does not make one grain call per file.
/// </summary>
internal sealed class ProgressReporter(IScanCoordinatorGrain coordinator, long scanId, int attempt, TimeProvider time)
{
    private readonly Lock _gate = new();
    private ScanCounters _pending = ScanCounters.Zero;
    private List<ScanFailureRecord> _failures = [];
    private string? _lastFile;
    private long _lastFlush;

    /// <summary>Counts a file that finished analysis (stored or failed) and remembers it as the latest.</summary>
    public void Finished(string path, ScanCounters delta)
    {
        lock (_gate)
        {
            _pending = _pending.Add(delta);
            _lastFile = path;
        }
    }

    public void Add(ScanCounters delta)
    {
        lock (_gate)
        {
            _pending = _pending.Add(delta);
        }
    }

    public void Fail(string path, string error, long? size = null, double? mtime = null)
    {
        var record = new ScanFailureRecord
        {
            ScanId = scanId,
            Path = path,
            Error = error,
            FailedAt = time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0,
            Size = size,
            Mtime = mtime,
        };
        lock (_gate)
        {
            _pending = _pending.Add(new ScanCounters { Failed = 1 });
            _failures.Add(record);
            _lastFile = path;
        }
    }

    /// <summary>Sends what has accumulated; call from the grain's own context.</summary>
    public Task FlushAsync()
    {
        ScanProgress progress;
        lock (_gate)
        {
            _lastFlush = time.GetTimestamp();
            if (_pending == ScanCounters.Zero && _failures.Count == 0)
            {
                return Task.CompletedTask;
            }

            progress = new ScanProgress { ScanId = scanId, Attempt = attempt, Delta = _pending, Failures = _failures, LastFile = _lastFile };
            _pending = ScanCounters.Zero;
            _failures = [];
            _lastFile = null;
        }

        return coordinator.ReportAsync(progress);
    }

    /// <summary>Sends what has accumulated if <paramref name="interval"/> has passed since the last send.</summary>
    public Task FlushIfDueAsync(TimeSpan interval) =>
        time.GetElapsedTime(Interlocked.Read(ref _lastFlush)) >= interval ? FlushAsync() : Task.CompletedTask;

    /// <summary>Awaits <paramref name="work"/> while flushing progress every <paramref name="interval"/>.</summary>
    public async Task ReportWhileAsync(Task work, TimeSpan interval)
    {
        while (!work.IsCompleted)
        {
            await Task.WhenAny(work, Task.Delay(interval, time));
            await FlushAsync();
        }

        await work;
        await FlushAsync();
    }

    public async Task<T> ReportWhileAsync<T>(Task<T> work, TimeSpan interval)
    {
        await ReportWhileAsync((Task)work, interval);
        return await work;
    }
}
