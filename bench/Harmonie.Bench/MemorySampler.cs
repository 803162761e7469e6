using System.Diagnostics;

namespace Harmonie.Bench;

/// <summary>
/// Samples this process's working set and managed heap in the background, tagging each sample with a caller-set
/// label (e.g. the scan phase), so peaks and per-phase medians can be reported afterwards.
/// </summary>
public sealed class MemorySampler : IAsyncDisposable
{
    private readonly List<MemorySample> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private volatile string _label = "";

    public MemorySampler(TimeSpan interval) => _loop = Task.Run(() => SampleAsync(interval));

    public string Label
    {
        get => _label;
        set => _label = value;
    }

    public IReadOnlyList<MemorySample> Samples
    {
        get
        {
            lock (_samples)
            {
                return [.. _samples];
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task SampleAsync(TimeSpan interval)
    {
        using var process = Process.GetCurrentProcess();
        using var timer = new PeriodicTimer(interval);
        do
        {
            process.Refresh();
            var sample = new MemorySample(_clock.Elapsed.TotalSeconds, _label, process.WorkingSet64, GC.GetTotalMemory(forceFullCollection: false));
            lock (_samples)
            {
                _samples.Add(sample);
            }
        }
        while (await timer.WaitForNextTickAsync(_stop.Token));
    }
}
