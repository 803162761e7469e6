namespace Harmonie.Grains.Playlists;

public sealed class PlaylistOptions
{
    /// <summary>How long an unused playlist session is kept for <c>/next</c> and <c>GET</c>.</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Most sessions one silo keeps; beyond it the least recently used is dropped (later calls get 404).</summary>
    public int MaxSessions { get; set; } = 1000;
}
