using System.Diagnostics;
using Harmonie.Analysis;
using Harmonie.Engines.Analysis;
using Harmonie.Engines.Catalog;
using Harmonie.Engines.Library;
using Harmonie.Scanning;
using Harmonie.Tracks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Harmonie.Grains.Scanning;

/// <summary>
/// The scan state machine (BEHAVIOUR.md §2): phases across all library roots, counters, history rows,
/// cancellation and the schedule. Reentrant so status queries, progress reports and cancellation are
/// served while a scan runs; all state is touched on the grain's own scheduler only.
/// </summary>
[Reentrant]
public sealed class ScanCoordinatorGrain(
    ICatalog catalog,
    TrackAnalyzer analyzer,
    IOptions<ScanOptions> options,
    TimeProvider time,
    ILogger<ScanCoordinatorGrain> logger) : Grain, IScanCoordinatorGrain
{
    private const int RecentFailureLimit = 20;
    private const string Backend = "harmonie";
    private static readonly TimeSpan CounterPersistInterval = TimeSpan.FromSeconds(2);

    private readonly Queue<ScanFailure> _recentFailures = new();
    private ScanStatus _status = ScanStatus.Initial;
    private CancellationTokenSource? _cancellation;
    private bool _initialized;
    private IGrainTimer? _schedule;

    private ScanOptions Options => options.Value;

    public async Task InitializeAsync()
    {
        if (_initialized)
        {
            return;
        }

        _initialized = true;
        var crashed = await catalog.MarkRunningScansCrashedAsync(CancellationToken.None);
        if (crashed > 0)
        {
            logger.LogWarning("Marked {Count} scan(s) left running by a previous process as crashed", crashed);
        }

        if (Options.Libraries.Count == 0)
        {
            logger.LogWarning("No library roots configured (HARMONIE_LIBRARIES): scheduled scans are off; POST /api/v1/scan still works");
            return;
        }

        if (Options.ScanOnStartup)
        {
            _ = RunScheduledAsync(armNext: Options.ScanInterval > TimeSpan.Zero);
        }
        else
        {
            ArmSchedule();
        }
    }

    public Task<ScanStatus> StartAsync(bool force)
    {
        if (_status.State != ScanState.Scanning)
        {
            _ = RunAsync(force);
        }

        return Task.FromResult(Snapshot());
    }

    public Task<ScanStatus> GetStatusAsync() => Task.FromResult(Snapshot());

    public Task<bool> CancelAsync()
    {
        if (_status.State != ScanState.Scanning || _cancellation is null)
        {
            return Task.FromResult(false);
        }

        logger.LogInformation("Scan cancellation requested");
        _cancellation.Cancel();
        return Task.FromResult(true);
    }

    public async Task ReportAsync(ScanProgress progress)
    {
        if (_status.State != ScanState.Scanning || progress.ScanId != _status.ScanId)
        {
            return; // A late report from a finished scan.
        }

        _status = _status with { Counters = _status.Counters.Add(progress.Delta) };
        foreach (var failure in progress.Failures)
        {
            _recentFailures.Enqueue(new ScanFailure(failure.Path, failure.Error));
            while (_recentFailures.Count > RecentFailureLimit)
            {
                _recentFailures.Dequeue();
            }

            await catalog.AddScanFailureAsync(failure, CancellationToken.None);
        }
    }

    private ScanStatus Snapshot() => _status with { RecentFailures = [.. _recentFailures] };

    /// <summary>Runs the startup or a periodic scan; a failure never ends the schedule (unlike the original).</summary>
    private async Task RunScheduledAsync(bool armNext)
    {
        try
        {
            await StartAsync(force: false);
            await WaitForIdleAsync();
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Scheduled scan failed; the schedule continues");
        }

        if (armNext)
        {
            ArmSchedule();
        }
    }

    private void ArmSchedule()
    {
        if (Options.ScanInterval <= TimeSpan.Zero)
        {
            return;
        }

        _schedule?.Dispose();
        _schedule = this.RegisterGrainTimer(
            _ => RunScheduledAsync(armNext: true),
            new GrainTimerCreationOptions(Options.ScanInterval, Timeout.InfiniteTimeSpan) { KeepAlive = true, Interleave = true });
    }

    private async Task WaitForIdleAsync()
    {
        while (_status.State == ScanState.Scanning)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), time);
        }
    }

    private async Task RunAsync(bool force)
    {
        using var cancellation = new CancellationTokenSource();
        _cancellation = cancellation;
        var cancellationToken = cancellation.Token;
        var started = Now();
        var stopwatch = Stopwatch.StartNew();
        _recentFailures.Clear();
        _status = new ScanStatus { State = ScanState.Scanning, Phase = ScanPhase.Enumerating, StartedAt = started };
        var scanId = await catalog.StartScanAsync(
            new ScanRecord
            {
                StartedAt = started,
                Workers = Options.Workers,
                Backend = Backend,
                Model = analyzer.ModelName,
                Forced = force,
                HarmonieVersion = HarmonieVersion.Current,
                DescriptorVersion = AnalysisVersions.Descriptors,
                State = ScanHistoryRecordState.Running,
            },
            CancellationToken.None);
        _status = _status with { ScanId = scanId };
        logger.LogInformation("Scan {ScanId} started{Forced}", scanId, force ? " (forced)" : string.Empty);
        using var persist = this.RegisterGrainTimer(
            _ => catalog.UpdateScanAsync(scanId, _status.Counters, CancellationToken.None),
            new GrainTimerCreationOptions(CounterPersistInterval, CounterPersistInterval) { KeepAlive = true, Interleave = true });

        var outcome = ScanHistoryRecordState.Completed;
        string? error = null;
        try
        {
            await RunPhasesAsync(force, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = ScanHistoryRecordState.Cancelled;
            error = "cancelled by user";
        }
        catch (Exception ex)
        {
            outcome = ScanHistoryRecordState.Crashed;
            error = $"{ex.GetType().Name}: {ex.Message}";
            logger.LogError(ex, "Scan {ScanId} crashed", scanId);
        }
        finally
        {
            _cancellation = null;
        }

        var finished = Now();
        _status = _status with
        {
            State = outcome == ScanHistoryRecordState.Crashed ? ScanState.Error : ScanState.Idle,
            Phase = ScanPhase.Idle,
            FinishedAt = finished,
            LastDurationSec = stopwatch.Elapsed.TotalSeconds,
            LastError = error,
        };
        await catalog.FinishScanAsync(scanId, _status.Counters, outcome, error, finished, stopwatch.Elapsed.TotalSeconds, CancellationToken.None);
        var c = _status.Counters;
        logger.LogInformation(
            "Scan {ScanId} {Outcome} in {Seconds:0.0} s: discovered {Discovered}, full {Full}, descriptors-only {DescriptorsOnly}, skipped {Skipped}, failed {Failed}, removed {Removed}",
            scanId, outcome, stopwatch.Elapsed.TotalSeconds, c.Discovered, c.Full, c.DescriptorsOnly, c.Skipped, c.Failed, c.Removed);
    }

    private async Task RunPhasesAsync(bool force, CancellationToken cancellationToken)
    {
        var roots = Options.Libraries.Distinct(StringComparer.Ordinal).ToList();
        var reachable = roots.Where(r => Directory.Exists(r) || File.Exists(r)).ToList();
        foreach (var missing in roots.Except(reachable))
        {
            logger.LogWarning("Library root {Root} is not reachable; skipping it (its tracks are kept)", missing);
        }

        var libraries = reachable.Select(r => GrainFactory.GetGrain<ILibraryGrain>(r)).ToList();
        var scanId = _status.ScanId!.Value;

        var claimed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var library in libraries)
        {
            var paths = await library.EnumerateAsync(scanId, new Immutable<IReadOnlySet<string>>(claimed), cancellationToken);
            claimed.UnionWith(paths.Value);
        }

        cancellationToken.ThrowIfCancellationRequested();
        SetPhase(ScanPhase.Classifying);
        var configured = roots.Select(LibraryPaths.Resolve).Distinct(StringComparer.Ordinal).ToList();
        var orphaned = (await catalog.GetLibraryRootsAsync(cancellationToken)).Except(configured, StringComparer.Ordinal).ToList();
        var request = new ClassifyRequest
        {
            Force = force,
            Model = analyzer.ModelName,
            DescriptorVersion = AnalysisVersions.Descriptors,
            OrphanedRoots = orphaned,
            ConfiguredRoots = configured,
        };
        foreach (var library in libraries)
        {
            var classification = await library.ClassifyAsync(request, cancellationToken);
            _status = _status with { Counters = _status.Counters.Add(new ScanCounters { Skipped = classification.Skipped }) };
        }

        cancellationToken.ThrowIfCancellationRequested();
        SetPhase(ScanPhase.Extracting);
        await Task.WhenAll(libraries.Select(l => l.ExtractAsync(cancellationToken)));

        cancellationToken.ThrowIfCancellationRequested();
        if (reachable.Count == 0)
        {
            logger.LogWarning("No library root is reachable; not pruning");
            return;
        }

        SetPhase(ScanPhase.Pruning);
        var removed = 0;
        foreach (var library in libraries)
        {
            removed += await library.PruneAsync(cancellationToken);
        }

        removed += await PruneExpiredOrphansAsync(orphaned, cancellationToken);
        _status = _status with { Counters = _status.Counters.Add(new ScanCounters { Removed = removed }) };
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// Rows of roots that are no longer configured stay for <see cref="ScanOptions.OrphanRetention"/> after
    /// they were first seen orphaned (so a moved library is relocated, not re-analysed), then go.
    /// </summary>
    private async Task<int> PruneExpiredOrphansAsync(IReadOnlyList<string> orphaned, CancellationToken cancellationToken)
    {
        var now = Now();
        var previous = await catalog.GetOrphanedSinceAsync(cancellationToken);
        var since = orphaned.ToDictionary(r => r, r => previous.TryGetValue(r, out var t) ? t : now, StringComparer.Ordinal);
        var removed = 0;
        foreach (var (root, first) in since.ToList())
        {
            if (now - first < Options.OrphanRetention.TotalSeconds)
            {
                continue;
            }

            var rows = await catalog.GetFileStatesAsync(root, cancellationToken);
            foreach (var row in rows)
            {
                if (await GrainFactory.GetGrain<ITrackGrain>(row.Path).RemoveAsync(cancellationToken))
                {
                    removed++;
                }
            }

            logger.LogInformation("Removed {Count} track(s) of {Root}, no longer configured since {Since:u}", rows.Count, root, DateTimeOffset.FromUnixTimeSeconds((long)first));
            since.Remove(root);
        }

        await catalog.SetOrphanedSinceAsync(since, cancellationToken);
        return removed;
    }

    private void SetPhase(ScanPhase phase) => _status = _status with { Phase = phase };

    private double Now() => time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
}
