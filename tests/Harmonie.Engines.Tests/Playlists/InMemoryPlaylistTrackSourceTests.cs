using Harmonie.Engines.Playlists;
using Harmonie.Tracks;
using static Harmonie.TestSupport.PlaylistFixtureTracks;

namespace Harmonie.Engines.Tests.Playlists;

public sealed class InMemoryPlaylistTrackSourceTests
{
    private static readonly InMemoryPlaylistTrackSource Source = new(
    [
        (Track(5, "A", "Five", bpm: 120), [3f, 4f]),
        (Track(2, "B", "Two", bpm: 130), [1f, 0f]),
        (Track(9, "C", "Nine", bpm: 140), [2f, 0f]),
        (Track(4, "D", "Four", bpm: 125), [0f, 0f]),
        (Track(7, "E", "Seven"), [-1f, 0f]),
        (Track(8, "F", "Eight"), [1f, 0f, 0f]),
        (Track(3, "G", "Three", model: "other"), [0f, 1f]),
        (Track(6, "H", "Six"), null),
    ]);

    [Fact]
    public async Task Ranks_by_cosine_with_ties_by_id_and_negative_and_zero_scores_included()
    {
        var nearest = await Source.NearestAsync(Model, [1, 0], 10, new HashSet<long>(), default);
        Assert.Equal([2L, 9, 5, 4, 7], nearest.Select(c => c.Track.Id));
        Assert.Equal([0.6f, 0.8f], nearest[2].Vector);
        Assert.Equal([0f, 0f], nearest[3].Vector);
    }

    [Fact]
    public async Task A_zero_query_ranks_everything_at_0_by_id()
    {
        var nearest = await Source.NearestAsync(Model, [0, 0], 3, new HashSet<long>(), default);
        Assert.Equal([2L, 4, 5], nearest.Select(c => c.Track.Id));
    }

    [Fact]
    public async Task Applies_the_limit_the_exclusions_and_the_filter()
    {
        var filtered = Source.WithFilter(t => t.Descriptors.Bpm is not null);
        var nearest = await filtered.NearestAsync(Model, [1, 0], 2, new HashSet<long> { 2 }, default);
        Assert.Equal([9L, 5], nearest.Select(c => c.Track.Id));
        Assert.Equal([2L, 4, 5, 9], (await filtered.MatchingAsync(default)).Select(t => t.Id));
    }

    [Fact]
    public async Task Rows_of_another_dimension_or_without_a_vector_are_catalog_only()
    {
        var tracks = await Source.GetTracksAsync([8, 6, 3, 404], default);
        Assert.Equal([3L, 6, 8], tracks.Select(t => t.Track.Id).Order());
        Assert.Null(tracks.Single(t => t.Track.Id == 8).Vector);
        Assert.Null(tracks.Single(t => t.Track.Id == 6).Vector);
        Assert.Equal([0f, 1f], tracks.Single(t => t.Track.Id == 3).Vector!);
        Assert.Equal(8, (await Source.MatchingAsync(default)).Count);
        await Assert.ThrowsAsync<ArgumentException>(() => Source.NearestAsync(Model, [1, 0, 0], 5, new HashSet<long>(), default));
        Assert.Empty(await Source.NearestAsync("unknown", [1, 0], 5, new HashSet<long>(), default));
    }

    [Fact]
    public async Task Resolves_by_path_relative_path_then_case_insensitive_tags_smallest_id_first()
    {
        var source = new InMemoryPlaylistTrackSource(
        [
            (Track(12, "Artist", "Song", album: "LP", path: "x/12.flac"), null),
            (Track(11, "ARTIST", "song", album: "Other", path: "x/11.flac"), null),
        ]);

        Assert.Equal(12, await source.ResolveAsync(new TrackReference { Path = "/music/x/12.flac" }, default));
        Assert.Equal(12, await source.ResolveAsync(new TrackReference { Path = "x/12.flac" }, default));
        Assert.Equal(11, await source.ResolveAsync(new TrackReference { Artist = "artist", Title = "SONG" }, default));
        Assert.Equal(12, await source.ResolveAsync(new TrackReference { Artist = "artist", Album = "lp", Title = "song" }, default));
        Assert.Null(await source.ResolveAsync(new TrackReference { Title = "Song" }, default));
        Assert.Null(await source.ResolveAsync(new TrackReference { Path = "/elsewhere/12.flac" }, default));
    }

    private const string Model = Harmonie.TestSupport.PlaylistFixtureCatalog.Model;
}
