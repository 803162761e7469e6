using System.Diagnostics;
using Harmonie.Analysis;
using Harmonie.Engines.Analysis;
using Harmonie.Engines.Catalog;
using Harmonie.Engines.Library;
using Harmonie.Engines.Telemetry;
using Harmonie.Scanning;
using Harmonie.Tracks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Runtime.Messaging;
using Orleans.Storage;

namespace Harmonie.Grains.Scanning;

/// <summary>
/// The scan state machine (BEHAVIOUR.md §2): phases across all library roots, counters, history rows,
/// cancellation and the schedule. Reentrant so status queries, progress reports and cancellation are served
/// while a scan runs; all state is touched on the grain's own scheduler only. Its state is persisted, so in a
/// cluster a scan survives the loss of the silo running it: the reactivated coordinator resumes it.
/// </summary>
[Reentrant]
public sealed class ScanCoordinatorGrain(
    [PersistentState("coordinator", ScanCoordinatorGrain.StorageName)] IPersistentState<ScanCoordinatorState> state,
    ICatalog catalog,
    TrackAnalyzer analyzer,
    IOptions<ScanOptions> options,
    TimeProvider time,
    ILogger<ScanCoordinatorGrain> logger) : Grain, IScanCoordinatorGrain
{
    /// <summary>The grain storage provider holding the coordinator's state.</summary>
    public const string StorageName = "scan";

    private const int RecentFailureLimit = 20;
    private const int LibraryAttempts = 3;
    private const string Backend = "harmonie";
    private static readonly TimeSpan PersistInterval = TimeSpan.FromSeconds(2);

    private CancellationTokenSource? _cancellation;
    private string? _stopReason;
    private bool _superseded;
    private bool _initialized;
    private IGrainTimer? _schedule;

    private ScanOptions Options => options.Value;

    private ScanStatus Status
    {
        get => state.State.Status;
        set => state.State.Status = value;
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Status.State == ScanState.Scanning && Status.ScanId is { } scanId)
        {
            logger.LogWarning("Resuming scan {ScanId}: the silo running it stopped", scanId);
            _ = RunAsync(state.State.Force, resume: true);
        }

        return Task.CompletedTask;
    }

    public async Task InitializeAsync()
    {
        if (_initialized)
        {
            return;
        }

        _initialized = true;
        var resuming = Status.State == ScanState.Scanning ? Status.ScanId : null;
        var crashed = await catalog.MarkRunningScansCrashedAsync(resuming, CancellationToken.None);
        if (crashed > 0)
        {
            logger.LogWarning("Marked {Count} scan(s) left running by a previous process as crashed", crashed);
            var (latest, _) = await catalog.ListScansAsync(1, 0, CancellationToken.None);
            Status = Status with
            {
                State = ScanState.Error,
                Phase = ScanPhase.Idle,
                ScanId = latest.FirstOrDefault()?.Id ?? Status.ScanId,
                LastError = "the scan was interrupted: the harmonie process running it stopped before it finished; the next scan continues it",
            };
            await state.WriteStateAsync();
        }

        if (Options.Libraries.Count == 0)
        {
            logger.LogWarning("No library roots configured (HARMONIE_LIBRARIES): scheduled scans are off; POST /api/v1/scan still works");
            return;
        }

        if (Options.ScanOnStartup && resuming is null)
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
        if (Status.State != ScanState.Scanning)
        {
            _ = RunAsync(force, resume: false);
        }

        return Task.FromResult(Snapshot());
    }

    public Task<ScanStatus> GetStatusAsync() => Task.FromResult(Snapshot());

    public Task<bool> CancelAsync()
    {
        if (Status.State != ScanState.Scanning || _cancellation is null)
        {
            return Task.FromResult(false);
        }

        logger.LogInformation("Scan cancellation requested");
        _cancellation.Cancel();
        return Task.FromResult(true);
    }

    public async Task ReportAsync(ScanProgress progress)
    {
        if (_superseded || Status.State != ScanState.Scanning || progress.ScanId != Status.ScanId || progress.Attempt != state.State.Attempt)
        {
            return; // A late report from a finished scan.
        }

        Status = Status with { Counters = Status.Counters.Add(progress.Delta), LastFile = progress.LastFile ?? Status.LastFile };
        var recent = state.State.RecentFailures;
        foreach (var failure in progress.Failures)
        {
            recent.Add(new ScanFailure(failure.Path, failure.Error));
            await catalog.AddScanFailureAsync(failure, CancellationToken.None);
        }

        if (recent.Count > RecentFailureLimit)
        {
            recent.RemoveRange(0, recent.Count - RecentFailureLimit);
        }
    }

    private ScanStatus Snapshot() => Status with { RecentFailures = [.. state.State.RecentFailures] };

    /// <summary>Runs the startup or a periodic scan; a failure never ends the schedule (unlike the original).</summary>
    private async Task RunScheduledAsync(bool armNext)
    {
        try
        {
            await StartAsync(force: false);
            while (Status.State == ScanState.Scanning)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), time);
            }
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

    private async Task RunAsync(bool force, bool resume)
    {
        if (!resume && FreeSpaceGuard.Shortage(Options.CatalogDirectory, Options.MinimumFreeBytes) is { } shortage)
        {
            // Not even a history row: writing to a full disk is what must not happen.
            logger.LogError("Scan not started: {Reason}", shortage);
            Status = Status with { State = ScanState.Error, Phase = ScanPhase.Idle, LastError = shortage, FinishedAt = Now() };
            await state.WriteStateAsync();
            return;
        }

        using var cancellation = new CancellationTokenSource();
        _cancellation = cancellation;
        _stopReason = null;
        var stopwatch = Stopwatch.StartNew();
        long scanId;
        if (resume)
        {
            scanId = Status.ScanId!.Value;
            var done = Status.Counters;
            state.State.AnalysedByEarlierAttempts = done.Full + done.DescriptorsOnly;
            state.State.Attempt++;
            Status = Status with { Phase = ScanPhase.Enumerating, Counters = done with { Discovered = 0, Skipped = 0, Removed = 0 } };
        }
        else
        {
            var started = Now();
            state.State = new ScanCoordinatorState
            {
                Force = force,
                Status = new ScanStatus { State = ScanState.Scanning, Phase = ScanPhase.Enumerating, StartedAt = started },
            };
            scanId = await catalog.StartScanAsync(
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
            Status = Status with { ScanId = scanId };
            logger.LogInformation("Scan {ScanId} started{Forced}", scanId, force ? " (forced)" : string.Empty);
            HarmonieMetrics.ScanStarted();
        }

        if (!await TryWriteStateAsync(scanId))
        {
            return;
        }

        using var persist = this.RegisterGrainTimer(
            _ => PersistAsync(scanId),
            new GrainTimerCreationOptions(PersistInterval, PersistInterval) { KeepAlive = true, Interleave = true });

        var outcome = ScanHistoryRecordState.Completed;
        string? error = null;
        try
        {
            await RunPhasesAsync(force, cancellation.Token);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested && _superseded)
        {
            return; // Another activation owns the scan now and will finish it: record nothing.
        }
        catch (Exception ex) when (StopReason(ex, cancellation) is { } reason)
        {
            outcome = ScanHistoryRecordState.Crashed;
            error = reason;
            logger.LogError("Scan {ScanId} stopped: {Error}", scanId, reason);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
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

        if (_superseded)
        {
            return;
        }

        var finished = Now();
        var duration = finished - (Status.StartedAt ?? finished);
        Status = Status with
        {
            State = outcome == ScanHistoryRecordState.Crashed ? ScanState.Error : ScanState.Idle,
            Phase = ScanPhase.Idle,
            LastFile = null,
            FinishedAt = finished,
            LastDurationSec = duration,
            LastError = error,
        };
        // The history row first: a status read interleaving at the state write must find the scan recorded.
        await catalog.FinishScanAsync(scanId, Status.Counters, outcome, error, finished, duration, CancellationToken.None);
        if (!await TryWriteStateAsync(scanId))
        {
            return; // Taken over at its very end: the new owner resumes and records the outcome again.
        }

        var c = Status.Counters;
        HarmonieMetrics.ScanFinished(outcome, c.Full, c.DescriptorsOnly, c.Skipped, c.Failed, c.Removed);
        logger.LogInformation(
            "Scan {ScanId} {Outcome} in {Seconds:0.0} s: discovered {Discovered}, full {Full}, descriptors-only {DescriptorsOnly}, skipped {Skipped}, failed {Failed}, removed {Removed}",
            scanId, outcome, stopwatch.Elapsed.TotalSeconds, c.Discovered, c.Full, c.DescriptorsOnly, c.Skipped, c.Failed, c.Removed);
    }

    private async Task PersistAsync(long scanId)
    {
        if (_stopReason is null && FreeSpaceGuard.Shortage(Options.CatalogDirectory, Options.MinimumFreeBytes) is { } shortage)
        {
            _stopReason = shortage;
            _cancellation?.Cancel();
        }

        if (!await TryWriteStateAsync(scanId))
        {
            return;
        }

        await catalog.UpdateScanAsync(scanId, Status.Counters, CancellationToken.None);
    }

    /// <summary>Why a scan ended early for a reason the user can act on (no root reachable, disk full), if it did.</summary>
    private string? StopReason(Exception ex, CancellationTokenSource cancellation) => ex switch
    {
        LibrariesUnreachableException unreachable => unreachable.Message,
        OperationCanceledException when cancellation.IsCancellationRequested => _stopReason,
        _ => null,
    };

    /// <summary>
    /// Saves the scan state, which is also the ownership check: the state's version (its ETag, checked by the
    /// database in a cluster) changes when another activation of this grain writes it. That happens when the
    /// grain directory lost track of this activation with a dead silo and a second one resumed the scan; the
    /// older activation then stops its scan and leaves, so one owner drives the scan and counts its files.
    /// </summary>
    private async Task<bool> TryWriteStateAsync(long scanId)
    {
        if (_superseded)
        {
            return false;
        }

        try
        {
            await state.WriteStateAsync();
            return true;
        }
        catch (InconsistentStateException ex)
        {
            _superseded = true;
            logger.LogWarning("Scan {ScanId}: another activation of the coordinator has taken the scan over; this one stops ({Error})", scanId, ex.Message);
            _cancellation?.Cancel();
            DeactivateOnIdle(); // Later calls reach the owner, or reactivate from the stored state and resume.
            return false;
        }
    }

    private async Task RunPhasesAsync(bool force, CancellationToken cancellationToken)
    {
        var roots = Options.Libraries.Distinct(StringComparer.Ordinal).ToList();
        var reachable = roots.Where(r => Directory.Exists(r) || File.Exists(r)).ToList();
        if (roots.Count > 0 && reachable.Count == 0)
        {
            throw new LibrariesUnreachableException(roots);
        }

        foreach (var missing in roots.Except(reachable))
        {
            logger.LogWarning("Library root {Root} is not reachable; skipping it (its tracks are kept)", missing);
        }

        var scanId = Status.ScanId!.Value;
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        var libraries = new List<(string Root, IReadOnlySet<string> Excluded)>();
        foreach (var root in reachable)
        {
            // What earlier roots claimed is excluded here, so a root nested in another is not scanned twice.
            var excluded = claimed.ToHashSet(StringComparer.Ordinal);
            var paths = await Library(root).EnumerateAsync(scanId, state.State.Attempt, new Immutable<IReadOnlySet<string>>(excluded), countDiscovered: true, cancellationToken);
            claimed.UnionWith(paths.Value);
            libraries.Add((root, excluded));
        }

        cancellationToken.ThrowIfCancellationRequested();
        SetPhase(ScanPhase.Classifying);
        var request = await ClassifyRequestAsync(force, roots, cancellationToken);
        var skipped = 0L;
        foreach (var (root, _) in libraries)
        {
            skipped += (await Library(root).ClassifyAsync(request, cancellationToken)).Skipped;
        }

        // Files analysed before a resume are skipped now; they were counted as analysed already.
        skipped = Math.Max(0, skipped - state.State.AnalysedByEarlierAttempts);
        Status = Status with { Counters = Status.Counters with { Skipped = skipped } };

        cancellationToken.ThrowIfCancellationRequested();
        SetPhase(ScanPhase.Extracting);
        await Task.WhenAll(libraries.Select(l => ExtractWithRetryAsync(scanId, l.Root, l.Excluded, request, cancellationToken)));

        cancellationToken.ThrowIfCancellationRequested();
        if (reachable.Count == 0)
        {
            logger.LogWarning("No library root is reachable; not pruning");
            return;
        }

        SetPhase(ScanPhase.Pruning);
        var removed = 0;
        foreach (var (root, excluded) in libraries)
        {
            removed += await PruneWithRetryAsync(scanId, root, excluded, cancellationToken);
        }

        removed += await PruneExpiredOrphansAsync(request.OrphanedRoots, cancellationToken);
        Status = Status with { Counters = Status.Counters.Add(new ScanCounters { Removed = removed }) };
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// Extracts one root; if the silo hosting its library grain dies, a fresh activation enumerates and
    /// classifies the root again (without counting it twice) and extracts what is still to do.
    /// </summary>
    private async Task ExtractWithRetryAsync(long scanId, string root, IReadOnlySet<string> excluded, ClassifyRequest request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (attempt > 1)
                {
                    await Library(root).EnumerateAsync(scanId, state.State.Attempt, new Immutable<IReadOnlySet<string>>(excluded), countDiscovered: false, cancellationToken);
                    await Library(root).ClassifyAsync(request, cancellationToken);
                }

                await Library(root).ExtractAsync(cancellationToken);
                return;
            }
            catch (Exception ex) when (attempt < LibraryAttempts && ex is SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException)
            {
                logger.LogWarning("Library {Root}: its silo went away during extraction ({Error}); resuming elsewhere", root, ex.Message);
            }
        }
    }

    /// <summary>Prunes one root; a library grain lost on the way walks the root again on its new silo before pruning.</summary>
    private async Task<int> PruneWithRetryAsync(long scanId, string root, IReadOnlySet<string> excluded, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await Library(root).PruneAsync(scanId, state.State.Attempt, new Immutable<IReadOnlySet<string>>(excluded), cancellationToken);
            }
            catch (Exception ex) when (attempt < LibraryAttempts && ex is SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException)
            {
                logger.LogWarning("Library {Root}: its silo went away while pruning ({Error}); retrying elsewhere", root, ex.Message);
            }
        }
    }

    private async Task<ClassifyRequest> ClassifyRequestAsync(bool force, IReadOnlyList<string> roots, CancellationToken cancellationToken)
    {
        var configured = roots.Select(LibraryPaths.Resolve).Distinct(StringComparer.Ordinal).ToList();
        var orphaned = (await catalog.GetLibraryRootsAsync(cancellationToken)).Except(configured, StringComparer.Ordinal).ToList();
        return new ClassifyRequest
        {
            Force = force,
            Model = analyzer.ModelName,
            DescriptorVersion = AnalysisVersions.Descriptors,
            OrphanedRoots = orphaned,
            ConfiguredRoots = configured,
        };
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

    private ILibraryGrain Library(string root) => GrainFactory.GetGrain<ILibraryGrain>(root);

    private void SetPhase(ScanPhase phase) => Status = Status with { Phase = phase };

    private double Now() => time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
}
