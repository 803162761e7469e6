namespace Harmonie.Playlists;

/// <summary>The playlist strategy selected by the request body's <c>mode</c>.</summary>
public enum PlaylistMode
{
    /// <summary>Track radio: a nearest-neighbour chain near the seeds' centroid.</summary>
    Similar,

    /// <summary>A chunked walk that re-anchors on the last pick of every chunk.</summary>
    Drift,

    /// <summary>No seeds: the filtered library ranked by closeness to descriptor targets.</summary>
    Vibe,
}
