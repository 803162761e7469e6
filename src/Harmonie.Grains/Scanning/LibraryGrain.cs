using System.Collections.Concurrent;
using Harmonie.Analysis;
using Harmonie.Engines.Catalog;
using Harmonie.Engines.Library;
using Harmonie.Scanning;
using Harmonie.Tracks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Harmonie.Grains.Scanning;

/// <summary>
/// One library root. Holds the files of the running scan between phases; the file-system work runs
/// off the grain scheduler while the grain reports progress to the coordinator.
/// </summary>
public sealed class LibraryGrain(ICatalog catalog, IOptions<ScanOptions> options, TimeProvider time, ILogger<LibraryGrain> logger)
    : Grain, ILibraryGrain
{
    private static readonly TimeSpan SiloLossRetryWindow = TimeSpan.FromMinutes(2);
    private List<LibraryFile> _files = [];
    private List<(string Path, AnalysisJob Job)> _jobs = [];
    private ProgressReporter? _reporter;
    private string? _resolvedRoot;
    private long? _enumeratedScanId;

    private string Root => this.GetPrimaryKeyString();

    private string ResolvedRoot => _resolvedRoot ??= LibraryPaths.Resolve(Root);

    private ProgressReporter Reporter => _reporter ?? throw new InvalidOperationException("EnumerateAsync starts every scan.");

    public async Task<Immutable<string[]>> EnumerateAsync(long scanId, int attempt, Immutable<IReadOnlySet<string>> claimed, bool countDiscovered, CancellationToken cancellationToken)
    {
        _reporter = new ProgressReporter(GrainFactory.GetGrain<IScanCoordinatorGrain>(0), scanId, attempt, time);
        _resolvedRoot = null;
        _jobs = [];
        var reporter = _reporter;
        var walk = Task.Run(
            () =>
            {
                var seen = new HashSet<string>(claimed.Value, StringComparer.Ordinal);
                var files = new List<LibraryFile>();
                foreach (var file in LibraryWalker.Enumerate(Root, seen, (path, error) => reporter.Fail(path, error), cancellationToken))
                {
                    files.Add(file);
                    if (countDiscovered)
                    {
                        reporter.Add(new ScanCounters { Discovered = 1 });
                    }
                }

                return files;
            },
            cancellationToken);
        _files = await reporter.ReportWhileAsync(walk, options.Value.ProgressInterval);
        _enumeratedScanId = scanId;
        return new Immutable<string[]>([.. _files.Select(f => f.RealPath)]);
    }

    public async Task<LibraryClassification> ClassifyAsync(ClassifyRequest request, CancellationToken cancellationToken)
    {
        var rows = (await catalog.GetFileStatesAsync(ResolvedRoot, cancellationToken)).ToDictionary(r => r.Path, StringComparer.Ordinal);
        var relocator = request.OrphanedRoots.Count == 0
            ? null
            : LibraryRelocator.Create(await catalog.GetOrphanedFileStatesAsync(request.ConfiguredRoots, cancellationToken));
        // Classification runs on the thread pool, where Grain.GrainFactory throws: take the factory here.
        var grains = GrainFactory;
        var work = Task.Run(() => ClassifyFilesAsync(request, rows, relocator, grains, cancellationToken), cancellationToken);
        var (classification, jobs) = await Reporter.ReportWhileAsync(work, options.Value.ProgressInterval);
        _jobs = jobs;
        if (classification.MovedByPath + classification.MovedByFingerprint > 0)
        {
            logger.LogInformation(
                "{Root}: {ByPath} track(s) relocated by relative path, {ByFingerprint} by fingerprint",
                Root, classification.MovedByPath, classification.MovedByFingerprint);
        }

        return classification;
    }

    public async Task ExtractAsync(CancellationToken cancellationToken)
    {
        // A window of in-flight files keeps the analyzers busy without queueing the whole library.
        var reporter = Reporter;
        var window = new SemaphoreSlim(Math.Max(2, options.Value.Workers * 2));
        var pending = new List<Task>();
        foreach (var (path, job) in _jobs)
        {
            await window.WaitAsync(cancellationToken);
            pending.Add(AnalyzeOneAsync(path, job, reporter, window, cancellationToken));
            await reporter.FlushIfDueAsync(options.Value.ProgressInterval);
        }

        await reporter.ReportWhileAsync(Task.WhenAll(pending), options.Value.ProgressInterval);
        _jobs = [];
    }

    public async Task<int> PruneAsync(long scanId, int attempt, Immutable<IReadOnlySet<string>> claimed, CancellationToken cancellationToken)
    {
        // A fresh activation holds no walk: pruning against it would remove every row of the root.
        if (_enumeratedScanId != scanId)
        {
            logger.LogWarning("{Root}: walking the root again before pruning (the walk of scan {ScanId} was lost with its silo)", Root, scanId);
            await EnumerateAsync(scanId, attempt, claimed, countDiscovered: false, cancellationToken);
        }

        var enumerated = _files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var stale = (await catalog.GetFileStatesAsync(ResolvedRoot, cancellationToken)).Where(r => !enumerated.Contains(r.Path)).ToList();
        var removed = 0;
        foreach (var row in stale)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await GrainFactory.GetGrain<ITrackGrain>(row.Path).RemoveAsync(cancellationToken))
            {
                removed++;
            }
        }

        _files = [];
        _enumeratedScanId = null;
        return removed;
    }

    private async Task AnalyzeOneAsync(string path, AnalysisJob job, ProgressReporter reporter, SemaphoreSlim window, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await AnalyzeWithRetryAsync(path, job, cancellationToken);
            switch (outcome.Kind)
            {
                case TrackOutcomeKind.Full:
                    reporter.Finished(path, new ScanCounters { Full = 1 });
                    break;
                case TrackOutcomeKind.DescriptorsOnly:
                    reporter.Finished(path, new ScanCounters { DescriptorsOnly = 1 });
                    break;
                case TrackOutcomeKind.Failed:
                    reporter.Fail(path, outcome.Error ?? "unknown error", job.Size, job.Mtime);
                    break;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The track grain itself failed (e.g. its silo died): record it, the next scan retries.
            reporter.Fail(path, $"{ex.GetType().Name}: {ex.Message}", job.Size, job.Mtime);
        }
        finally
        {
            window.Release();
        }
    }

    /// <summary>
    /// A track grain whose silo dies mid-analysis is reactivated on another silo and asked again. Until the
    /// cluster has declared the silo dead (seconds), calls routed to it fail at once, so retries back off and
    /// continue for <see cref="SiloLossRetryWindow"/> rather than a fixed number of immediate tries.
    /// </summary>
    private async Task<TrackOutcome> AnalyzeWithRetryAsync(string path, AnalysisJob job, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var delay = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            try
            {
                return await GrainFactory.GetGrain<ITrackGrain>(path).AnalyzeAsync(job, cancellationToken);
            }
            catch (Exception ex) when (ex is SiloUnavailableException or OrleansMessageRejectionException
                && time.GetElapsedTime(started) + delay < SiloLossRetryWindow)
            {
                logger.LogDebug("Retrying {Path} in {Delay}: {Error}", path, delay, ex.Message);
                await Task.Delay(delay, time, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    private async Task<(LibraryClassification, List<(string, AnalysisJob)>)> ClassifyFilesAsync(
        ClassifyRequest request,
        Dictionary<string, TrackFileState> rows,
        LibraryRelocator? relocator,
        IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        var jobs = new List<(string, AnalysisJob)>();
        var unfingerprinted = new ConcurrentBag<(TrackFileState Row, FileStat Stat)>();
        int full = 0, descriptorsOnly = 0, skipped = 0, byPath = 0, byFingerprint = 0, failed = 0;
        foreach (var file in _files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            FileStat? stat;
            try
            {
                stat = FileStat.Read(file.Path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Reporter.Fail(file.Path, $"cannot read file: {ex.Message}");
                failed++;
                continue;
            }

            if (stat is not { } current)
            {
                continue; // Vanished since enumeration.
            }

            var relativePath = Path.GetRelativePath(Root, file.Path) is var rel && rel != "." ? rel : ".";
            var row = rows.GetValueOrDefault(file.Path) ?? await catalog.GetFileStateAsync(file.Path, cancellationToken);
            if (row is null && relocator is not null &&
                await relocator.MatchAsync(file.Path, relativePath, current, cancellationToken) is { } match &&
                await grains.GetGrain<ITrackGrain>(file.Path).AdoptAsync(
                    new Relocation
                    {
                        TrackId = match.RowId,
                        FromRoot = match.FromRoot,
                        LibraryRoot = ResolvedRoot,
                        RelativePath = relativePath,
                        Mtime = match.NewMtime,
                        Fingerprint = match.NewFingerprint,
                    },
                    cancellationToken))
            {
                relocator.Consume(match.RowId);
                _ = match.ByFingerprint ? byFingerprint++ : byPath++;
                row = await catalog.GetFileStateAsync(file.Path, cancellationToken);
            }

            var action = ScanClassifier.Classify(current, row, request.Force, request.Model, request.DescriptorVersion);
            switch (action)
            {
                case ScanAction.Full:
                    full++;
                    jobs.Add((file.Path, Job(AnalysisKind.Full, current, relativePath)));
                    break;
                case ScanAction.DescriptorsOnly:
                    descriptorsOnly++;
                    jobs.Add((file.Path, Job(AnalysisKind.DescriptorsOnly, current, relativePath)));
                    break;
                default:
                    skipped++;
                    break;
            }

            if (action != ScanAction.Full && row is { Fingerprint: null })
            {
                unfingerprinted.Add((row, current));
            }
        }

        await BackfillFingerprintsAsync(unfingerprinted, cancellationToken);
        var classification = new LibraryClassification
        {
            Full = full,
            DescriptorsOnly = descriptorsOnly,
            Skipped = skipped,
            MovedByPath = byPath,
            MovedByFingerprint = byFingerprint,
            Failed = failed,
        };
        return (classification, jobs);
    }

    /// <summary>Stores fingerprints of rows that lack one (once per row), so a later move can be recognised by content.</summary>
    private async Task BackfillFingerprintsAsync(IEnumerable<(TrackFileState Row, FileStat Stat)> rows, CancellationToken cancellationToken)
    {
        foreach (var (row, stat) in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var fingerprint = await FileFingerprint.ComputeAsync(row.Path, cancellationToken);
                await catalog.SetFingerprintAsync(row.Id, fingerprint, stat.Size, stat.Mtime, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Skipped: the next scan tries again.
            }
        }
    }

    private AnalysisJob Job(AnalysisKind kind, FileStat stat, string relativePath) => new()
    {
        Kind = kind,
        Size = stat.Size,
        Mtime = stat.Mtime,
        LibraryRoot = ResolvedRoot,
        RelativePath = relativePath,
    };
}
