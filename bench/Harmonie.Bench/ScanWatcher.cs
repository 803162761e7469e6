using System.Diagnostics;
using Harmonie.Scanning;

namespace Harmonie.Bench;

/// <summary>
/// Starts a scan through the HTTP API and follows it by polling the coordinator in-process every few
/// milliseconds, timing each phase (a phase shorter than the poll interval may be credited to its neighbour).
/// </summary>
public static class ScanWatcher
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(5);

    /// <param name="onPhase">Called when the phase changes (e.g. to label memory samples).</param>
    public static async Task<ScanRun> RunAsync(BenchHost host, bool force, Action<ScanPhase>? onPhase, CancellationToken cancellationToken)
    {
        var coordinator = host.Grains.GetGrain<IScanCoordinatorGrain>(0);
        var wall = Stopwatch.StartNew();
        using (var response = await host.Client.PostAsync($"scan?force={(force ? "true" : "false")}", null, cancellationToken))
        {
            response.EnsureSuccessStatusCode();
        }

        var phases = new List<(ScanPhase Phase, double Seconds)>();
        var current = ScanPhase.Enumerating;
        var phaseStarted = 0.0;
        onPhase?.Invoke(current);
        ScanStatus status;
        while (true)
        {
            status = await coordinator.GetStatusAsync();
            var now = wall.Elapsed.TotalSeconds;
            var phase = status.State == ScanState.Scanning ? status.Phase : ScanPhase.Idle;
            if (phase != current)
            {
                phases.Add((current, now - phaseStarted));
                current = phase;
                phaseStarted = now;
                onPhase?.Invoke(phase);
            }

            if (status.State != ScanState.Scanning)
            {
                break;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }

        if (status.State == ScanState.Error)
        {
            throw new InvalidOperationException($"the scan crashed: {status.LastError}");
        }

        return new ScanRun(wall.Elapsed.TotalSeconds, status.LastDurationSec, phases, status.Counters);
    }
}
