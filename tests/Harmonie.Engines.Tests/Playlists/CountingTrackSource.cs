using Harmonie.Engines.Playlists;
using Harmonie.Tracks;

namespace Harmonie.Engines.Tests.Playlists;

/// <summary>Passes calls through and records the limits of the neighbour queries.</summary>
internal sealed class CountingTrackSource(IPlaylistTrackSource inner) : IPlaylistTrackSource
{
    public List<int> NearestLimits { get; } = [];

    public Task<long?> ResolveAsync(TrackReference reference, CancellationToken cancellationToken) =>
        inner.ResolveAsync(reference, cancellationToken);

    public Task<IReadOnlyList<PlaylistTrack>> GetTracksAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        inner.GetTracksAsync(ids, cancellationToken);

    public Task<IReadOnlyList<PlaylistCandidate>> NearestAsync(
        string model, double[] query, int limit, IReadOnlySet<long> exclude, CancellationToken cancellationToken)
    {
        NearestLimits.Add(limit);
        return inner.NearestAsync(model, query, limit, exclude, cancellationToken);
    }

    public Task<IReadOnlyList<TrackRecord>> MatchingAsync(CancellationToken cancellationToken) => inner.MatchingAsync(cancellationToken);
}
