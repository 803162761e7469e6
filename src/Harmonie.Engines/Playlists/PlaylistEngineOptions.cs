namespace Harmonie.Engines.Playlists;

/// <summary>Tuning of how the playlist engine reads its <see cref="IPlaylistTrackSource"/>; results do not depend on it.</summary>
public sealed record PlaylistEngineOptions
{
    public static PlaylistEngineOptions Default { get; } = new();

    /// <summary>Neighbours fetched first for a drift chunk; doubled whenever a pick could depend on unfetched ones.</summary>
    public int InitialCandidateCount { get; init; } = 128;

    /// <summary>
    /// How far a source's ranking score may deviate from the engine's float64 cosine. 0 for sources that rank by
    /// the float64 dot of the unit float32 vectors with the float64 query (as <see cref="InMemoryPlaylistTrackSource"/>
    /// does); a source that ranks in float32 should set about 1e-6 so near-ties at a fetch boundary trigger a
    /// larger fetch instead of a wrong pick.
    /// </summary>
    public double ScoreTolerance { get; init; }
}
