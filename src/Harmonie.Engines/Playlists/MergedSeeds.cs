namespace Harmonie.Engines.Playlists;

/// <summary>The seed list a playlist is built from: distinct ids in first-occurrence order and their summed weights.</summary>
public sealed record MergedSeeds(IReadOnlyList<long> Ids, IReadOnlyList<double> Weights)
{
    public bool IsEmpty => Ids.Count == 0;
}
