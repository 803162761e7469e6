using Harmonie.Tracks;

namespace Harmonie.Engines.Playlists;

/// <summary>
/// The merged seeds of a seeded playlist, loaded: rows in merged order, weights, unit vectors, their common
/// model and the float64 unit centroid.
/// </summary>
internal sealed record PlaylistSeeds(
    IReadOnlyList<TrackRecord> Tracks,
    IReadOnlyList<double> Weights,
    IReadOnlyList<float[]> Vectors,
    string Model,
    double[] Centroid)
{
    public IReadOnlySet<long> Ids { get; } = Tracks.Select(t => t.Id).ToHashSet();
}
