using Harmonie.Playlists;

namespace Harmonie.Engines.Playlists;

/// <summary>One-shot playlists: <c>POST /api/v1/playlists</c> without a session.</summary>
public static class PlaylistGenerator
{
    /// <exception cref="PlaylistException">See <see cref="PlaylistSession.StartAsync"/>.</exception>
    public static async Task<PlaylistResult> GenerateAsync(
        PlaylistRequest request,
        IPlaylistTrackSource source,
        PlaylistEngineOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var session = await PlaylistSession.StartAsync(request, source, options, cancellationToken).ConfigureAwait(false);
        return await session.NextAsync(request.N, cancellationToken).ConfigureAwait(false);
    }
}
