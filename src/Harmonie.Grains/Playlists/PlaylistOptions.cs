namespace Harmonie.Grains.Playlists;

public sealed class PlaylistOptions
{
    /// <summary>How long an unused playlist session is kept for <c>/next</c> and <c>GET</c>.</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromMinutes(30);
}
