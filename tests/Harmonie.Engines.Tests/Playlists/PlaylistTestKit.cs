using Harmonie.Engines.Playlists;
using Harmonie.Playlists;
using Harmonie.TestSupport;
using Harmonie.Tracks;

namespace Harmonie.Engines.Tests.Playlists;

/// <summary>Shortcuts for playlist tests: run a request, read ids and scores, compare with expected playlists.</summary>
internal static class PlaylistTestKit
{
    public static Task<PlaylistResult> RunAsync(
        PlaylistRequest request, IPlaylistTrackSource? source = null, PlaylistEngineOptions? options = null) =>
        PlaylistGenerator.GenerateAsync(request, source ?? PlaylistFixtureCatalog.Source(), options);

    public static long[] Ids(this PlaylistResult result) => result.Items.Select(i => i.TrackId).ToArray();

    public static double[] Scores(this PlaylistResult result) => result.Items.Select(i => Math.Round(i.Score, 4)).ToArray();

    /// <summary>Same ids in the same order, and scores equal to 4 decimals (the original's regression precision).</summary>
    public static void AssertPlaylist(IReadOnlyList<(long Id, double Score)> expected, PlaylistResult actual)
    {
        Assert.Equal(expected.Select(e => e.Id).ToArray(), actual.Ids());
        Assert.Equal(expected.Select(e => Math.Round(e.Score, 4)).ToArray(), actual.Scores());
    }

    public static void AssertIds(long[] ids, PlaylistResult actual) => Assert.Equal(ids, actual.Ids());

    public static void AssertPlaylist(long[] ids, double[] scores, PlaylistResult actual)
    {
        Assert.Equal(ids, actual.Ids());
        Assert.Equal(scores, actual.Scores());
    }

    /// <summary>An in-memory source over rows whose vectors are given directly.</summary>
    public static InMemoryPlaylistTrackSource Source(params (TrackRecord Track, float[]? Vector)[] rows) => new(rows);

    public static (TrackRecord Track, float[]? Vector) At(double degrees, TrackRecord track) => (track, PlaylistFixtureTracks.Angle(degrees));

    public static PlaylistRequest Similar(params long[] seeds) => new() { Mode = PlaylistMode.Similar, Seeds = seeds };

    public static PlaylistRequest Drift(params long[] seeds) => new() { Mode = PlaylistMode.Drift, Seeds = seeds };

    public static PlaylistRequest Vibe() => new() { Mode = PlaylistMode.Vibe };
}
