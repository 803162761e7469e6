namespace Harmonie.Playlists;

/// <summary>
/// One playlist request and its endless-radio continuation (key: the session id). The session lives until
/// it has been idle for the configured time; afterwards calls fail with <see cref="PlaylistErrorKind.NotFound"/>.
/// </summary>
[Alias("harmonie.IPlaylistSessionGrain")]
public interface IPlaylistSessionGrain : IGrainWithGuidKey
{
    /// <summary>Builds the playlist of <paramref name="request"/>; the result carries this session's id.</summary>
    [Alias("Start")]
    Task<PlaylistResult> StartAsync(PlaylistRequest request, CancellationToken cancellationToken);

    /// <summary>The next <paramref name="count"/> tracks, never repeating a track or song of the session.</summary>
    [Alias("Next")]
    Task<PlaylistResult> NextAsync(int count, CancellationToken cancellationToken);

    /// <summary>Everything the session has returned so far.</summary>
    [Alias("Get")]
    Task<PlaylistSessionView> GetAsync(CancellationToken cancellationToken);

    /// <summary>Drops the session (its silo holds too many); later calls fail as for an expired one.</summary>
    [Alias("Evict")]
    [Orleans.Concurrency.OneWay]
    Task EvictAsync();
}
