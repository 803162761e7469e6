using Harmonie.Grains.Scanning;
using Microsoft.Extensions.Options;

namespace Harmonie.Grains.Analysis;

/// <summary>Limits concurrent analyses on this silo to <see cref="ScanOptions.Workers"/>.</summary>
public sealed class AnalysisThrottle(IOptions<ScanOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.Value.Workers));

    public async Task<IDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Slot(_slots);
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
