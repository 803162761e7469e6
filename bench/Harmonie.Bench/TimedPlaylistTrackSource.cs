using System.Diagnostics;
using Harmonie.Engines.Catalog;
using Harmonie.Engines.Playlists;
using Harmonie.Filtering;
using Harmonie.Grains.Similarity;
using Harmonie.Tracks;

namespace Harmonie.Bench;

/// <summary>
/// The service's own playlist track source (the grains' internal <c>IndexPlaylistTrackSource</c>, created by
/// reflection so the benchmark runs exactly the product code) with a stopwatch around every call, to split a
/// playlist's time into reading the index (fan-out to the shards, their searches, transfers) and the engine.
/// </summary>
public sealed class TimedPlaylistTrackSource : IPlaylistTrackSource
{
    private const string SourceType = "Harmonie.Grains.Playlists.IndexPlaylistTrackSource, Harmonie.Grains";
    private readonly IPlaylistTrackSource _inner;

    public TimedPlaylistTrackSource(IndexShards shards, ICatalog catalog, TrackFilter filter)
    {
        var type = Type.GetType(SourceType, throwOnError: true)!;
        _inner = (IPlaylistTrackSource)Activator.CreateInstance(type, shards, catalog, filter)!;
    }

    public double ResolveMs { get; private set; }

    public double GetTracksMs { get; private set; }

    public double NearestMs { get; private set; }

    public int NearestCalls { get; private set; }

    /// <summary>Sum of the limits asked of NearestAsync (candidates fetched).</summary>
    public long NearestCandidates { get; private set; }

    public double MatchingMs { get; private set; }

    public double TotalMs => ResolveMs + GetTracksMs + NearestMs + MatchingMs;

    public async Task<long?> ResolveAsync(TrackReference reference, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await _inner.ResolveAsync(reference, cancellationToken);
        ResolveMs += Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return result;
    }

    public async Task<IReadOnlyList<PlaylistTrack>> GetTracksAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await _inner.GetTracksAsync(ids, cancellationToken);
        GetTracksMs += Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return result;
    }

    public async Task<IReadOnlyList<PlaylistCandidate>> NearestAsync(
        string model, double[] query, int limit, IReadOnlySet<long> exclude, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await _inner.NearestAsync(model, query, limit, exclude, cancellationToken);
        NearestMs += Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        NearestCalls++;
        NearestCandidates += limit;
        return result;
    }

    public async Task<IReadOnlyList<TrackRecord>> MatchingAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await _inner.MatchingAsync(cancellationToken);
        MatchingMs += Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return result;
    }
}
