using Harmonie.Tracks;

namespace Harmonie.Engines.Playlists;

/// <summary>
/// What the playlist engine reads, bound to one request: its filter is applied by the source, never by the
/// engine. The engine never needs the whole library's vectors; it asks for ranked neighbours and grows the
/// limit when its picks could depend on candidates it has not seen, so every mode is exact as long as the
/// source ranks exactly.
/// </summary>
public interface IPlaylistTrackSource
{
    /// <summary>The seed-ref resolution ladder (API.md "Track resolution"); null when nothing matches.</summary>
    Task<long?> ResolveAsync(TrackReference reference, CancellationToken cancellationToken);

    /// <summary>
    /// The rows among <paramref name="ids"/> that exist in the catalog (any order; missing ids are left out),
    /// each with its unit vector from its model's index (null when the row is not indexed). Not filtered.
    /// </summary>
    Task<IReadOnlyList<PlaylistTrack>> GetTracksAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> indexed tracks of <paramref name="model"/> that pass the request's filter and
    /// are not in <paramref name="exclude"/>, ranked by score descending, ties by ascending id, where score = the
    /// float64 dot product of the track's unit float32 vector with <paramref name="query"/> (a unit vector or zero;
    /// a zero query scores everything 0, so the ranking is by id). Fewer than <paramref name="limit"/> results
    /// means there are no more. An approximate index must re-rank its hits exactly (see
    /// <see cref="PlaylistEngineOptions.ScoreTolerance"/> for sources that cannot).
    /// </summary>
    Task<IReadOnlyList<PlaylistCandidate>> NearestAsync(
        string model, double[] query, int limit, IReadOnlySet<long> exclude, CancellationToken cancellationToken);

    /// <summary>Every catalog row passing the request's filter, across all models and indexed or not, in ascending id order (vibe's pool).</summary>
    Task<IReadOnlyList<TrackRecord>> MatchingAsync(CancellationToken cancellationToken);
}
