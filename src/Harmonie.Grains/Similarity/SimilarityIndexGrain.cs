using System.Diagnostics;
using Harmonie.Engines.Catalog;
using Harmonie.Engines.Filtering;
using Harmonie.Engines.Similarity;
using Harmonie.Engines.Telemetry;
using Harmonie.Filtering;
using Harmonie.Similarity;
using Harmonie.Tracks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Streams;

namespace Harmonie.Grains.Similarity;

/// <summary>
/// One shard of a model's similarity index. On activation it reloads its snapshot, reconciles it with the
/// catalog (rows re-read, vectors re-read only for tracks analysed since), then follows the track-change
/// stream so a track analysed mid-scan is searchable at once. Queries run on the thread pool in parallel.
/// The load runs after the activation, which Orleans cancels after 30 s (a million tracks take longer): queries
/// wait for it, and change events that arrive meanwhile are applied once it is done.
/// </summary>
[KeepAlive]
[Reentrant]
[ImplicitStreamSubscription(SimilarityIndexKey.ChangeStream)]
public sealed class SimilarityIndexGrain(ICatalog catalog, IOptions<SimilarityIndexOptions> options, ILogger<SimilarityIndexGrain> logger)
    : Grain, ISimilarityIndexGrain, IAsyncObserver<TrackChange>
{
    private const int VectorBatch = 500;
    private readonly CancellationTokenSource _lifetime = new();
    private TrackIndex? _index;
    private string? _model;
    private int _shard;
    private int _changesSinceSnapshot;
    private Task _load = Task.CompletedTask;
    private List<TrackChange>? _changesDuringLoad = [];
    private Task _vectorLoad = Task.CompletedTask;
    private Task? _resync;
    private HashSet<long>? _appliedDuringReload;

    private string? SnapshotDirectory => options.Value.SnapshotDirectory is { } root
        ? Path.Combine(root, SnapshotFolderName(this.GetPrimaryKeyString()))
        : null;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_model, _shard) = SimilarityIndexKey.Parse(this.GetPrimaryKeyString());
        _load = LoadAsync(_lifetime.Token);

        var stream = this.GetStreamProvider(SimilarityIndexKey.StreamProvider)
            .GetStream<TrackChange>(StreamId.Create(SimilarityIndexKey.ChangeStream, this.GetPrimaryKeyString()));
        await stream.SubscribeAsync(this);
        this.RegisterGrainTimer(
            SnapshotIfChangedAsync,
            new GrainTimerCreationOptions(options.Value.SnapshotInterval, options.Value.SnapshotInterval) { Interleave = true });
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_load.IsCompletedSuccessfully)
        {
            await SnapshotIfChangedAsync(cancellationToken);
        }

        await _lifetime.CancelAsync();
        await Task.WhenAny(_load);
        _index?.Dispose();
        _lifetime.Dispose();
        HarmonieMetrics.IndexSize(_model ?? "none", _shard, null);
    }

    public Task<IReadOnlyList<SimilarMatch>> SearchAsync(float[] query, int limit, TrackFilter filter, long[] exclude, CancellationToken cancellationToken) =>
        OnLoadedIndexAsync(index => index.Search(query, limit, TrackFilterEvaluator.Compile(filter), exclude.ToHashSet()), cancellationToken);

    public Task<IReadOnlyList<IndexedTrack>> NearestAsync(double[] query, int limit, TrackFilter filter, long[] exclude, CancellationToken cancellationToken) =>
        OnLoadedIndexAsync(index => index.Nearest(query, limit, TrackFilterEvaluator.Compile(filter), exclude.ToHashSet()), cancellationToken);

    public async Task<IReadOnlyList<IndexedTrack>> GetTracksAsync(long[] ids, CancellationToken cancellationToken) =>
        (await LoadedIndexAsync(cancellationToken)).GetTracks(ids);

    public Task<TrackQueryResult> QueryAsync(TrackFilter filter, TrackOrder order, int top, CancellationToken cancellationToken) =>
        OnLoadedIndexAsync(index => index.Query(TrackFilterEvaluator.Compile(filter), order, top), cancellationToken);

    public Task<IReadOnlyList<TrackRecord>> MatchingAsync(TrackFilter filter, CancellationToken cancellationToken) =>
        OnLoadedIndexAsync(index => index.Matching(TrackFilterEvaluator.Compile(filter)), cancellationToken);

    public Task<IReadOnlyList<StyleTally>> StyleTalliesAsync(double styleMin, CancellationToken cancellationToken) =>
        OnLoadedIndexAsync(index => index.StyleTallies(styleMin), cancellationToken);

    public async Task<int> CountAsync() => (await LoadedIndexAsync(CancellationToken.None)).Count;

    public Task ResyncAsync(CancellationToken cancellationToken)
    {
        if (_resync is not { IsCompleted: false })
        {
            _resync = ResyncOnceAsync();
        }

        return _resync.WaitAsync(cancellationToken);
    }

    public Task ApplyAsync(TrackChange change)
    {
        if (_changesDuringLoad is { } queued)
        {
            queued.Add(change);
            return Task.CompletedTask;
        }

        if (change.Track is { } track && track.Model == _model && SimilarityIndexKey.ShardOf(track.Id, options.Value.Shards) == _shard)
        {
            _index!.Upsert(track, change.Vector);
        }
        else
        {
            _index!.Remove(change.TrackId);
        }

        _appliedDuringReload?.Add(change.TrackId);
        _changesSinceSnapshot++;
        HarmonieMetrics.IndexSize(_model ?? "none", _shard, _index!.VectorCount);
        return Task.CompletedTask;
    }

    public Task OnNextAsync(TrackChange item, StreamSequenceToken? token = null) => ApplyAsync(item);

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex)
    {
        logger.LogWarning(ex, "Track change stream error on index shard {Key}", this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    private async Task ResyncOnceAsync()
    {
        var index = await LoadedIndexAsync(CancellationToken.None);
        await _vectorLoad;
        var before = (index.Count, index.VectorCount);
        var stale = await ReloadRowsAsync(index, CancellationToken.None);
        await LoadVectorsAsync(index, stale, CancellationToken.None);
        logger.LogInformation(
            "Index shard {Key} resynchronised with the catalog: {Rows} → {NowRows} track(s), {Vectors} → {NowVectors} vector(s)",
            this.GetPrimaryKeyString(), before.Count, index.Count, before.VectorCount, index.VectorCount);
    }

    private async Task<TrackIndex> LoadedIndexAsync(CancellationToken cancellationToken)
    {
        await _load.WaitAsync(cancellationToken);
        return _index!;
    }

    /// <summary>Runs a query on the thread pool once the index is loaded, so queries run in parallel.</summary>
    private async Task<T> OnLoadedIndexAsync<T>(Func<TrackIndex, T> query, CancellationToken cancellationToken)
    {
        var index = await LoadedIndexAsync(cancellationToken);
        var started = Stopwatch.GetTimestamp();
        var answer = await Task.Run(() => query(index), cancellationToken);
        HarmonieMetrics.IndexQueried(_model ?? "none", _shard, Stopwatch.GetElapsedTime(started));
        return answer;
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var index = _model is not null && SnapshotDirectory is { } directory
                ? await TrackIndex.LoadAsync(directory, options.Value.Index, cancellationToken)
                : new TrackIndex(options.Value.Index);
            _index = index;
            var stale = await ReloadRowsAsync(index, cancellationToken);
            var queued = _changesDuringLoad!;
            _changesDuringLoad = null;
            foreach (var change in queued)
            {
                await ApplyAsync(change);
            }

            // Vectors the snapshot lacks load in the background: rows are already listed and filterable.
            _vectorLoad = stale.Count == 0 ? Task.CompletedTask : Task.Run(() => LoadVectorsAsync(index, stale, CancellationToken.None), CancellationToken.None);
            logger.LogInformation(
                "Index shard {Key}: {Rows} track(s), {Vectors} vector(s) from the snapshot, {Stale} to read from the catalog",
                this.GetPrimaryKeyString(), index.Count, index.VectorCount, stale.Count);
            HarmonieMetrics.IndexSize(_model ?? "none", _shard, index.VectorCount);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Queries see the error; the next call after deactivation loads again.
            logger.LogError(ex, "Index shard {Key} could not load", this.GetPrimaryKeyString());
            this.DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>
    /// Re-reads this shard's rows from the catalog; returns the rows whose vector must be read. Tracks changed by
    /// events that interleave with the read are kept as the events left them.
    /// </summary>
    private async Task<List<TrackRecord>> ReloadRowsAsync(TrackIndex index, CancellationToken cancellationToken)
    {
        var keep = new HashSet<long>();
        var stale = new List<TrackRecord>();
        _appliedDuringReload = keep;
        try
        {
            await foreach (var track in catalog.StreamTracksAsync(_model, cancellationToken))
            {
                if (SimilarityIndexKey.ShardOf(track.Id, options.Value.Shards) != _shard || !keep.Add(track.Id))
                {
                    continue;
                }

                if (_model is not null && !index.HasCurrentVector(track))
                {
                    stale.Add(track);
                }

                index.Upsert(track);
            }
        }
        finally
        {
            _appliedDuringReload = null;
        }

        _changesSinceSnapshot += index.RemoveAllExcept(keep) + stale.Count;
        return stale;
    }

    private async Task LoadVectorsAsync(TrackIndex index, List<TrackRecord> stale, CancellationToken cancellationToken)
    {
        try
        {
            var wanted = stale.ToDictionary(t => t.Id);
            var batch = new List<(TrackRecord, float[])>(VectorBatch);
            if (stale.Count > VectorBatch)
            {
                await foreach (var (track, embedding) in catalog.StreamModelAsync(_model!, cancellationToken))
                {
                    if (wanted.ContainsKey(track.Id) && embedding is not null && embedding.Model == _model)
                    {
                        batch.Add((track, embedding.Vector));
                        if (batch.Count == VectorBatch)
                        {
                            index.SetVectorsIfCurrent(batch);
                            batch.Clear();
                        }
                    }
                }
            }
            else
            {
                foreach (var track in stale)
                {
                    if (await catalog.GetEmbeddingAsync(track.Id, cancellationToken) is { } embedding && embedding.Model == _model)
                    {
                        batch.Add((track, embedding.Vector));
                    }
                }
            }

            index.SetVectorsIfCurrent(batch);
            logger.LogInformation("Index shard {Key}: {Vectors} vector(s) ready", SimilarityIndexKey.For(_model, _shard), index.VectorCount);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Index shard {Key} could not read its vectors from the catalog", SimilarityIndexKey.For(_model, _shard));
        }
    }

    private async Task SnapshotIfChangedAsync(CancellationToken cancellationToken)
    {
        if (_changesSinceSnapshot == 0 || !_load.IsCompletedSuccessfully || !_vectorLoad.IsCompleted || SnapshotDirectory is not { } directory)
        {
            return;
        }

        var changes = _changesSinceSnapshot;
        try
        {
            await Task.Run(() => _index!.SaveAsync(directory, cancellationToken), cancellationToken);
            _changesSinceSnapshot -= changes;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(ex, "Index shard {Key} could not write its snapshot to {Directory}", this.GetPrimaryKeyString(), directory);
        }
    }

    private static string SnapshotFolderName(string key) =>
        new([.. key.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_')]);
}
