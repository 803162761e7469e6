using Harmonie.Playlists;

namespace Harmonie.Engines.Playlists;

/// <summary>A mode's playlist state machine: each call continues where the previous one stopped.</summary>
internal interface IPlaylistBuilder
{
    /// <summary>Up to <paramref name="count"/> further items (drift's included seeds may add more on the first call).</summary>
    Task<IReadOnlyList<PlaylistItem>> NextAsync(int count, CancellationToken cancellationToken);
}
