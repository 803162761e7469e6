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
    /// are not in <paramref name="exclude"/>, ranked by exact cosine to <paramref name="query"/> descending, ties by
    /// ascending id (a zero query ranks everything at 0, i.e. by id). Fewer than <paramref name="limit"/> results
    /// means there are no more.
    /// </summary>
    Task<IReadOnlyList<PlaylistCandidate>> NearestAsync(
        string model, float[] query, int limit, IReadOnlySet<long> exclude, CancellationToken cancellationToken);

    /// <summary>Every catalog row passing the request's filter, across all models and indexed or not, in ascending id order (vibe's pool).</summary>
    Task<IReadOnlyList<TrackRecord>> MatchingAsync(CancellationToken cancellationToken);
}
