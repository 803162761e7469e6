using Harmonie.Engines.Playlists;
using Harmonie.Playlists;
using Harmonie.TestSupport;
using Harmonie.Tracks;
using static Harmonie.Engines.Tests.Playlists.PlaylistTestKit;

namespace Harmonie.Engines.Tests.Playlists;

public sealed class PlaylistSeedAndErrorTests
{
    [Fact]
    public async Task An_unknown_explicit_seed_is_404_with_the_quoted_detail()
    {
        var error = await Assert.ThrowsAsync<PlaylistException>(() => RunAsync(Similar(1, 998, 999)));
        Assert.Equal(PlaylistErrorKind.NotFound, error.Kind);
        Assert.Equal("'seed track 998 not in database'", error.Message);
        Assert.Equal(PlaylistErrorKind.NotFound, (await Assert.ThrowsAsync<PlaylistException>(() => RunAsync(Drift(999)))).Kind);
    }

    [Fact]
    public async Task No_resolved_seed_is_400()
    {
        var request = Similar() with { SeedRefs = [Ref(path: "/nowhere.flac"), Ref(artist: "Nobody", title: "Nothing")] };
        var error = await Assert.ThrowsAsync<PlaylistException>(() => RunAsync(request));
        Assert.Equal(PlaylistErrorKind.BadRequest, error.Kind);
        Assert.Equal("no seeds resolved; check seed_refs against /tracks/resolve", error.Message);
    }

    [Fact]
    public async Task Seeds_of_two_models_are_400()
    {
        var error = await Assert.ThrowsAsync<PlaylistException>(() => RunAsync(Similar(PlaylistFixtureCatalog.OtherModelTrack, 1)));
        Assert.Equal(PlaylistErrorKind.BadRequest, error.Kind);
        Assert.Equal("seed tracks span multiple models: {'dsp-fixture', 'effnet-fixture'}", error.Message);
    }

    [Fact]
    public void The_models_detail_is_sorted_and_prints_a_missing_model_as_none()
    {
        Assert.Equal("seed tracks span multiple models: {None, 'a', 'b'}", PlaylistException.MultipleModels(["b", null, "a", "b"]).Message);
    }

    [Fact]
    public async Task A_seed_missing_from_the_index_gives_an_empty_playlist_not_an_error()
    {
        var result = await RunAsync(Similar(PlaylistFixtureCatalog.NotIndexedTrack) with { SeedRefs = [Ref(path: "/none")] });
        Assert.Empty(result.Items);
        Assert.Single(result.UnresolvedSeedRefs);
        Assert.Empty((await RunAsync(Drift(1, PlaylistFixtureCatalog.NotIndexedTrack) with { IncludeSeeds = true })).Items);
    }

    [Fact]
    public async Task Invalid_requests_are_refused_before_any_work()
    {
        var error = await Assert.ThrowsAsync<PlaylistException>(() => RunAsync(Similar(1) with { N = 0, Variation = 2 }));
        Assert.Equal(PlaylistErrorKind.Invalid, error.Kind);
        Assert.Contains("n:", error.Message);
        Assert.Contains("variation:", error.Message);
        Assert.Equal(PlaylistErrorKind.Invalid, (await Assert.ThrowsAsync<PlaylistException>(() => RunAsync(Similar()))).Kind);
    }

    [Fact]
    public async Task Refs_resolve_by_path_relative_path_and_tags_and_unresolved_ones_are_echoed()
    {
        var byPath = Ref(path: PlaylistFixtureCatalog.Get(9).Path);
        var byRelativePath = Ref(path: PlaylistFixtureCatalog.Get(10).RelativePath);
        var byTags = Ref(artist: "FJELL", title: "moss");
        var missing = Ref(artist: "Daft Punk", title: "One More Time") with { Weight = 2 };
        var request = Similar(25) with { N = 5, SeedRefs = [byPath, missing, byRelativePath, byTags] };

        var result = await RunAsync(request with { RngSeed = 0 });

        var unresolved = Assert.Single(result.UnresolvedSeedRefs);
        Assert.Equal(missing, unresolved.Reference);
        Assert.Equal("no_match", unresolved.Reason);
        var expected = new ReferencePlaylists(PlaylistFixtureCatalog.Rows).Similar(request with { RngSeed = 0 }, [25, 9, 10, 22]);
        AssertPlaylist(expected, result);
    }

    [Fact]
    public async Task Ref_weights_merge_with_explicit_seeds()
    {
        // Seeds [1]@3 + refs (1, 2.5), (9, 8) → [1, 9] weighted [5.5, 8].
        var request = Similar(1) with
        {
            N = 8,
            SeedWeights = [3],
            SeedRefs = [Ref(path: PlaylistFixtureCatalog.Get(1).Path) with { Weight = 2.5 }, Ref(artist: "Lumen", title: "Glow") with { Weight = 8 }],
        };
        var explicitEquivalent = Similar(1, 9) with { N = 8, SeedWeights = [5.5, 8] };
        Assert.Equal((await RunAsync(explicitEquivalent)).Ids(), (await RunAsync(request)).Ids());
        AssertPlaylist(new ReferencePlaylists(PlaylistFixtureCatalog.Rows).Similar(explicitEquivalent with { RngSeed = 0 }, [1, 9], [5.5, 8]), await RunAsync(request));
    }

    [Fact]
    public async Task Drift_works_from_refs_alone()
    {
        var result = await RunAsync(Drift() with { N = 10, SeedRefs = [Ref(artist: "Sola", album: "Polar", title: "Aurora")] });
        Assert.Equal(10, result.Items.Count);
        Assert.DoesNotContain(19L, result.Ids());
        Assert.Empty(result.UnresolvedSeedRefs);
    }

    [Fact]
    public async Task All_zero_embeddings_still_give_playlists_scored_0_in_id_order()
    {
        // test_api.py's library: three tracks, 4-D zero vectors, tags from the file names.
        var source = new InMemoryPlaylistTrackSource(new[] { (1L, "fast", 130.0), (2L, "mid", 120.0), (3L, "slow", 80.0) }
            .Select(t => (PlaylistFixtureTracks.Track(t.Item1, $"{t.Item2}.flac", t.Item2, t.Item3, path: $"{t.Item2}.flac"), (float[]?)new float[4])));

        AssertPlaylist([2, 3], [0, 0], await RunAsync(Similar(1), source));
        var drift = await RunAsync(Drift(1, 2) with { Variation = 0.5, RngSeed = 42 }, source);
        AssertPlaylist([3], [0], drift);
        Assert.Equal(drift.Ids(), (await RunAsync(Drift(1, 2) with { Variation = 0.5, RngSeed = 42 }, source)).Ids());
        Assert.Equal(2, (await RunAsync(Similar(3) with { Variation = 0.5, RngSeed = 42 }, source)).Items.Count);
        var vibe = await RunAsync(Vibe() with { Target = new VibeTarget { Bpm = 125 }, Shuffle = false }, source.WithFilter(t => t.Descriptors.Bpm is >= 100 and <= 140));
        AssertPlaylist([1, 2], [-1, -1], vibe);
    }

    private static SeedReference Ref(string? path = null, string? artist = null, string? album = null, string? title = null) =>
        new() { Reference = new TrackReference { Path = path, Artist = artist, Album = album, Title = title } };
}
