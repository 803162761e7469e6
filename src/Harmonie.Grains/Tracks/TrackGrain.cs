using System.Diagnostics;
using Harmonie.Analysis;
using Harmonie.Engines.Audio;
using Harmonie.Engines.Catalog;
using Harmonie.Engines.Telemetry;
using Harmonie.Grains.Scanning;
using Harmonie.Grains.Similarity;
using Harmonie.Similarity;
using Harmonie.Tracks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Harmonie.Grains.Tracks;

/// <summary>
/// One track file: asks a local analyzer for its analysis (bounded by the per-file timeout), stores the
/// result as the single writer of the record, and tells the index shards what changed.
/// </summary>
public sealed class TrackGrain(
    ICatalog catalog,
    IOptions<ScanOptions> scanOptions,
    IOptions<SimilarityIndexOptions> indexOptions,
    TimeProvider time,
    ILogger<TrackGrain> logger) : Grain, ITrackGrain
{
    private string Path => this.GetPrimaryKeyString();

    public async Task<TrackOutcome> AnalyzeAsync(AnalysisJob job, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = await AnalyzeOnceAsync(job, cancellationToken);
        HarmonieMetrics.FileAnalysed(
            job.Kind == AnalysisKind.DescriptorsOnly ? "descriptors_only" : "full",
            outcome.Kind == TrackOutcomeKind.Failed ? "failed" : "stored",
            Stopwatch.GetElapsedTime(started));
        return outcome;
    }

    private async Task<TrackOutcome> AnalyzeOnceAsync(AnalysisJob job, CancellationToken cancellationToken)
    {
        var timeout = scanOptions.Value.AnalysisTimeout;
        using var deadline = new CancellationTokenSource(timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            if (!File.Exists(Path))
            {
                return new TrackOutcome { Kind = TrackOutcomeKind.Vanished };
            }

            var result = await GrainFactory.GetGrain<IAnalyzerGrain>(0).AnalyzeAsync(Path, job.Kind, linked.Token);
            return await StoreAsync(job, result);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Failed($"analysis timed out after {timeout.TotalSeconds:0} s");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogDebug(ex, "Analysis of {Path} failed", Path);
            return Failed(Describe(ex));
        }
    }

    public async Task<bool> AdoptAsync(Relocation relocation, CancellationToken cancellationToken)
    {
        var location = new TrackLocation(Path, relocation.LibraryRoot, relocation.RelativePath);
        if (!await catalog.RelocateAsync(relocation.TrackId, relocation.FromRoot, location, relocation.Mtime, relocation.Fingerprint, cancellationToken) ||
            await catalog.GetTrackAsync(relocation.TrackId, cancellationToken) is not { } moved)
        {
            return false;
        }

        await PublishAsync(moved.Model, new TrackChange(moved.Id, moved));
        return true;
    }

    public async Task<bool> RemoveAsync(CancellationToken cancellationToken)
    {
        if (await catalog.GetFileStateAsync(Path, cancellationToken) is not { } row)
        {
            return false;
        }

        var deleted = await catalog.DeleteTracksAsync([row.Id], cancellationToken);
        await PublishAsync(row.Model, new TrackChange(row.Id, null));
        DeactivateOnIdle();
        return deleted.Count > 0;
    }

    private async Task<TrackOutcome> StoreAsync(AnalysisJob job, AnalysisResult result)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;

        // Stores are not cancelled: a finished analysis is kept even when the scan is being cancelled.
        if (job.Kind == AnalysisKind.DescriptorsOnly &&
            await catalog.RefreshDescriptorsAsync(Path, result, now, CancellationToken.None) is { } refreshed)
        {
            await PublishAsync(refreshed.Model, new TrackChange(refreshed.Id, refreshed));
            return new TrackOutcome { Kind = TrackOutcomeKind.DescriptorsOnly, TrackId = refreshed.Id };
        }

        if (result.Embedding is null)
        {
            return Failed("no embedding was produced");
        }

        var previous = await catalog.GetFileStateAsync(Path, CancellationToken.None);
        var saved = await catalog.SaveAnalysisAsync(
            new TrackWrite
            {
                Location = new TrackLocation(Path, job.LibraryRoot, job.RelativePath),
                Size = job.Size,
                Mtime = job.Mtime,
                Result = result,
                AnalyzedAt = now,
            },
            CancellationToken.None);
        var change = new TrackChange(saved.Id, saved, result.Embedding.Vector);
        await PublishAsync(saved.Model, change);
        if (previous is not null && previous.Model != saved.Model)
        {
            await PublishAsync(previous.Model, change); // The old model's shard drops the track.
        }

        return new TrackOutcome { Kind = TrackOutcomeKind.Full, TrackId = saved.Id };
    }

    /// <summary>Tells the track's index shard; a lost event is repaired when the shard next reloads from the catalog.</summary>
    private async Task PublishAsync(string? model, TrackChange change)
    {
        try
        {
            var key = SimilarityIndexKey.ForTrack(model, change.TrackId, indexOptions.Value.Shards);
            await this.GetStreamProvider(SimilarityIndexKey.StreamProvider)
                .GetStream<TrackChange>(StreamId.Create(SimilarityIndexKey.ChangeStream, key))
                .OnNextAsync(change);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not publish the change of track {TrackId} to the index", change.TrackId);
        }
    }

    /// <summary>One warning per failed file, with its path and the whole reason: what an operator needs to fix it.</summary>
    private TrackOutcome Failed(string reason)
    {
        logger.LogWarning("Could not analyse {Path}: {Reason}", Path, reason);
        return TrackOutcome.Failed(reason);
    }

    private static string Describe(Exception ex) => ex switch
    {
        AudioDecodeException => ex.Message,
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };
}
