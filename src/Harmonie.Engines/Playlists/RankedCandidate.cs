using Harmonie.Tracks;

namespace Harmonie.Engines.Playlists;

/// <summary>A fetched neighbour: its row, unit vector and cosine to the query it was fetched for.</summary>
internal sealed class RankedCandidate
{
    public RankedCandidate(PlaylistCandidate candidate, double[] query)
    {
        Track = candidate.Track;
        Vector = candidate.Vector;
        Score = UnitVectors.Dot(Vector, query);
    }

    public TrackRecord Track { get; }

    public long Id => Track.Id;

    public float[] Vector { get; }

    public double Score { get; }

    /// <summary>
    /// Asks the source for up to <paramref name="limit"/> neighbours and ranks them by the engine's own float64
    /// cosine (descending, ties by ascending id), so a source's ordering slips cannot reorder a playlist.
    /// Complete = the source had no more.
    /// </summary>
    public static async Task<(List<RankedCandidate> Ranked, bool Complete)> FetchAsync(
        IPlaylistTrackSource source,
        string model,
        double[] query,
        int limit,
        IReadOnlySet<long> exclude,
        CancellationToken cancellationToken)
    {
        var fetched = await source.NearestAsync(model, query, limit, exclude, cancellationToken).ConfigureAwait(false);
        var ranked = fetched.Select(c => new RankedCandidate(c, query)).ToList();
        ranked.Sort(static (a, b) => b.Score.CompareTo(a.Score) is var order and not 0 ? order : a.Id.CompareTo(b.Id));
        return (ranked, fetched.Count < limit);
    }
}
