using Harmonie.Tracks;

namespace Harmonie.Engines.Playlists;

/// <summary>
/// The merged seeds of a seeded playlist, loaded: rows in merged order, weights, unit vectors, their common
/// model and the centroid. The centroid is rounded to float32 once, and that rounded vector is both the query
/// sent to the source and the vector the engine scores against, so the engine's scores and the source's
/// ranking agree.
/// </summary>
internal sealed record PlaylistSeeds(
    IReadOnlyList<TrackRecord> Tracks,
    IReadOnlyList<double> Weights,
    IReadOnlyList<float[]> Vectors,
    string Model,
    float[] Centroid)
{
    public double[] WideCentroid { get; } = UnitVectors.Widen(Centroid);

    public IReadOnlySet<long> Ids { get; } = Tracks.Select(t => t.Id).ToHashSet();
}
