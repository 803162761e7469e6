using System.Diagnostics;
using Harmonie.Engines.Catalog;
using Harmonie.Engines.Playlists;
using Harmonie.Engines.Telemetry;
using Harmonie.Grains.Similarity;
using Harmonie.Playlists;
using Microsoft.Extensions.Options;

namespace Harmonie.Grains.Playlists;

/// <summary>
/// Runs one playlist request on the playlist engine and keeps the session (picks, diversity state, anchor)
/// in memory for the endless-radio continuation until it has been idle for <see cref="PlaylistOptions.SessionIdleTimeout"/>.
/// </summary>
[CollectionAgeLimit(Days = 1)]
public sealed class PlaylistSessionGrain(
    ICatalog catalog,
    IOptions<SimilarityIndexOptions> indexOptions,
    IOptions<PlaylistOptions> playlistOptions,
    PlaylistSessionRegistry registry,
    TimeProvider time) : Grain, IPlaylistSessionGrain
{
    // The index shards rank candidates in float32 before re-ranking in float64.
    private static readonly PlaylistEngineOptions EngineOptions = new() { ScoreTolerance = 1e-6 };

    private readonly List<PlaylistItem> _items = [];
    private PlaylistSession? _session;
    private double _createdAt;
    private double _lastUsedAt;
    private IGrainTimer? _expiry;

    private string SessionId => this.GetPrimaryKey().ToString("N");

    public async Task<PlaylistResult> StartAsync(PlaylistRequest request, CancellationToken cancellationToken)
    {
        if (_session is not null)
        {
            throw new PlaylistException(PlaylistErrorKind.BadRequest, $"playlist session {SessionId} has already started");
        }

        var started = Stopwatch.GetTimestamp();
        var shards = new IndexShards(GrainFactory, catalog, indexOptions.Value);
        var source = new IndexPlaylistTrackSource(shards, catalog, request.Filter ?? Filtering.TrackFilter.None);
        _session = await PlaylistSession.StartAsync(request, source, EngineOptions, cancellationToken);
        _createdAt = Now();
        var result = await NextBatchAsync(request.N, cancellationToken);
        HarmonieMetrics.PlaylistBuilt(ModeName(request.Mode), Stopwatch.GetElapsedTime(started));
        return result;
    }

    public async Task<PlaylistResult> NextAsync(int count, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await NextBatchAsync(count, cancellationToken);
        HarmonieMetrics.PlaylistBuilt(ModeName(Session.Request.Mode), Stopwatch.GetElapsedTime(started));
        return result;
    }

    private static string ModeName(PlaylistMode mode) => mode.ToString().ToLowerInvariant();

    public Task EvictAsync()
    {
        _session = null;
        _items.Clear();
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        registry.Remove(this.GetPrimaryKey());
        return Task.CompletedTask;
    }

    public Task<PlaylistSessionView> GetAsync(CancellationToken cancellationToken)
    {
        var session = Session;
        Touch();
        return Task.FromResult(new PlaylistSessionView
        {
            SessionId = SessionId,
            Request = session.Request,
            Items = [.. _items],
            Batches = session.BatchCount,
            CreatedAt = _createdAt,
            LastUsedAt = _lastUsedAt,
        });
    }

    private PlaylistSession Session
    {
        get
        {
            if (_session is null)
            {
                DeactivateOnIdle(); // Nothing to keep for an unknown or expired id.
                throw new PlaylistException(PlaylistErrorKind.NotFound, $"playlist session {SessionId} not found or expired");
            }

            return _session;
        }
    }

    private async Task<PlaylistResult> NextBatchAsync(int count, CancellationToken cancellationToken)
    {
        var result = await Session.NextAsync(count, cancellationToken);
        _items.AddRange(result.Items);
        Touch();
        return result with { SessionId = SessionId };
    }

    /// <summary>Restarts the idle clock; when it runs out the session is dropped (later calls get 404).</summary>
    private void Touch()
    {
        foreach (var evicted in registry.Use(this.GetPrimaryKey()))
        {
            _ = GrainFactory.GetGrain<IPlaylistSessionGrain>(evicted).EvictAsync();
        }

        _lastUsedAt = Now();
        _expiry?.Dispose();
        _expiry = this.RegisterGrainTimer(
            _ =>
            {
                DeactivateOnIdle();
                return Task.CompletedTask;
            },
            new GrainTimerCreationOptions(playlistOptions.Value.SessionIdleTimeout, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    private double Now() => time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
}
