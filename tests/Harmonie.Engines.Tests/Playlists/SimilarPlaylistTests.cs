using Harmonie.Engines.Playlists;
using Harmonie.Playlists;
using Harmonie.TestSupport;
using static Harmonie.Engines.Tests.Playlists.PlaylistTestKit;
using static Harmonie.TestSupport.PlaylistFixtureTracks;

namespace Harmonie.Engines.Tests.Playlists;

public sealed class SimilarPlaylistTests
{
    // Unit vectors in a plane: every cosine is cos(angle difference), so expectations are worked out by hand.
    private static readonly InMemoryPlaylistTrackSource Fan = Source(
        At(0, Track(1, "Seed", "Origin")),
        At(10, Track(2, "A", "a1")),
        At(20, Track(3, "A", "a2")),
        At(30, Track(4, "B", "b1")),
        At(40, Track(5, "C", "c1")),
        At(-15, Track(6, "D", "d1")),
        At(90, Track(7, "E", "e1")));

    [Fact]
    public async Task Walks_the_nearest_neighbour_chain_with_the_artist_cooldown_and_scores_against_the_centroid()
    {
        // Step 2 from 10°: a2 (cos 10° − 0.2) loses to b1 (cos 20°); step 4 from 40°: a2 pays 0.0667 and still wins.
        var result = await RunAsync(Similar(1) with { N = 4 }, Fan);
        AssertPlaylist([2, 4, 5, 3], [0.9848, 0.8660, 0.7660, 0.9397], result);
    }

    [Fact]
    public async Task Without_cooldown_the_chain_follows_pure_similarity()
    {
        var result = await RunAsync(Similar(1) with { N = 4, ArtistCooldown = false }, Fan);
        AssertPlaylist([2, 3, 4, 5], [0.9848, 0.9397, 0.8660, 0.7660], result);
    }

    [Fact]
    public async Task Included_seeds_are_ordinary_candidates_that_win_on_similarity()
    {
        var result = await RunAsync(Similar(1) with { N = 4, IncludeSeeds = true }, Fan);
        AssertPlaylist([1, 2, 4, 5], [1.0, 0.9848, 0.8660, 0.7660], result);
    }

    [Fact]
    public async Task Bpm_tolerance_gates_against_the_previous_pick_and_twice_the_tolerance_around_the_seeds()
    {
        var source = Source(
            At(0, Track(1, "S", "s", bpm: 128)),
            At(5, Track(2, "A", "a", bpm: 134)),
            At(10, Track(3, "B", "b", bpm: 141)),
            At(15, Track(4, "C", "c", bpm: 150)),
            At(20, Track(5, "D", "d")),
            At(25, Track(6, "E", "e", bpm: 120)),
            At(30, Track(7, "F", "f", bpm: 137)));

        // 134 (+6), 141 (+7, 13 from the seed ≤ 16), no BPM (lenient, and clears the previous BPM), 120 (8 from the
        // seed); then 150 is 22 from the seed and 137 is 17 from 120: the playlist ends short of n.
        var result = await RunAsync(Similar(1) with { N = 5, SmoothTransitions = new SmoothTransitions { BpmTolerance = 8 } }, source);
        AssertPlaylist([2, 3, 5, 6], [0.9962, 0.9848, 0.9397, 0.9063], result);
    }

    [Fact]
    public async Task Key_compatibility_is_a_static_gate_against_the_first_seed()
    {
        var source = Source(
            At(0, Track(1, "S", "s", key: "A", scale: "minor")),
            At(5, Track(2, "A", "a", key: "F#", scale: "major")),
            At(10, Track(3, "B", "b", key: "C", scale: "major")),
            At(15, Track(4, "C", "c")),
            At(20, Track(5, "D", "d", key: "G", scale: "major")),
            At(25, Track(6, "E", "e", key: "E", scale: "minor")),
            At(30, Track(7, "F", "f", key: "D", scale: "minor")),
            At(35, Track(8, "G", "g", key: "A", scale: "minor")));
        var keyed = Similar(1) with { N = 10, SmoothTransitions = new SmoothTransitions { KeyCompatible = true } };

        // G major is compatible with the C major pick but not with the A minor seed; no key is excluded.
        AssertPlaylist([3, 6, 7, 8], [0.9848, 0.9063, 0.8660, 0.8192], await RunAsync(keyed, source));
        var unkeyed = await RunAsync(Similar(1) with { N = 3 }, source);
        Assert.Equal([2, 3, 4], unkeyed.Ids());
    }

    [Fact]
    public async Task A_first_seed_without_a_key_disables_the_key_gate()
    {
        var source = Source(
            At(0, Track(1, "S", "s")),
            At(5, Track(2, "A", "a", key: "F#", scale: "major")),
            At(10, Track(3, "B", "b")));
        var result = await RunAsync(Similar(1) with { N = 3, SmoothTransitions = new SmoothTransitions { KeyCompatible = true } }, source);
        Assert.Equal([2, 3], result.Ids());
    }

    [Fact]
    public async Task Seed_weights_move_the_centroid()
    {
        var source = Source(
            At(0, Track(1, "S", "A-seed")),
            At(90, Track(2, "T", "B-seed")),
            At(45, Track(3, "X", "x")),
            At(5, Track(4, "Y", "y")));

        AssertPlaylist([3], [1.0], await RunAsync(Similar(1, 2) with { N = 1 }, source));

        // Weights 8:1 put the centroid at atan(1/8) = 7.125°, 2.125° from the near-A track.
        AssertPlaylist([4], [0.9993], await RunAsync(Similar(1, 2) with { N = 1, SeedWeights = [8, 1] }, source));
    }

    [Fact]
    public async Task Variation_stays_in_the_band_is_reproducible_per_seed_and_varies_across_seeds()
    {
        var request = Similar(1) with { N = 1, Variation = 1 };
        var firsts = new HashSet<long>();
        for (var seed = 0; seed < 60; seed++)
        {
            var result = await RunAsync(request with { RngSeed = seed }, Fan);
            firsts.Add(result.Ids()[0]);
            Assert.Equal(result.Ids(), (await RunAsync(request with { RngSeed = seed }, Fan)).Ids());
        }

        // Band 0.05 below cos 10° = 0.9848: 10°, −15° (0.9659) and 20° (0.9397) qualify, 30° (0.8660) never does.
        Assert.Equal([2L, 3, 6], firsts.Order());
    }

    [Fact]
    public async Task Returns_exactly_n_and_never_the_seed_or_another_file_of_its_song()
    {
        var result = await RunAsync(Similar(PlaylistFixtureCatalog.IronLung) with { N = 20 });
        Assert.Equal(20, result.Items.Count);
        Assert.Equal(20, result.Ids().Distinct().Count());
        Assert.DoesNotContain(PlaylistFixtureCatalog.IronLung, result.Ids());
        Assert.DoesNotContain(PlaylistFixtureCatalog.IronLungCompilation, result.Ids());
        // Without dedupe (and without the seed artist's cooldown) the copy is the nearest track.
        var undeduped = await RunAsync(Similar(PlaylistFixtureCatalog.IronLung) with { N = 1, DedupeTitles = false, ArtistCooldown = false });
        Assert.Equal([PlaylistFixtureCatalog.IronLungCompilation], undeduped.Ids());
        Assert.Equal(1.0, undeduped.Scores()[0], 2);
    }

    [Fact]
    public async Task The_filter_is_a_hard_gate_applied_by_the_source()
    {
        var source = PlaylistFixtureCatalog.Source(t => t.Descriptors.Bpm is >= 120 and <= 130);
        var result = await RunAsync(Similar(1) with { N = 30 }, source);
        Assert.NotEmpty(result.Items);
        Assert.All(result.Items, i => Assert.InRange(i.Track.Descriptors.Bpm!.Value, 120, 130));
    }

    [Fact]
    public async Task Seeds_excluded_from_the_pool_start_their_artists_in_cooldown()
    {
        // Seeds by Kessler (1) and Vortex (4): the first pick avoids both artists while others are close.
        var result = await RunAsync(Similar(1, 4) with { N = 1 });
        var artist = result.Items[0].Track.Tags.Artist!.Trim().ToLowerInvariant();
        Assert.NotEqual("kessler", artist);
        Assert.NotEqual("vortex", artist);
    }

    public static TheoryData<string, PlaylistRequest> FixtureRequests() => new()
    {
        { "one seed", Similar(3) with { N = 12 } },
        { "house seed, long", Similar(10) with { N = 30 } },
        { "two genres", Similar(1, 9) with { N = 15 } },
        { "weighted", Similar(1, 9, 25) with { N = 15, SeedWeights = [1, 3, 0.5] } },
        { "include seeds", Similar(3, 9) with { N = 10, IncludeSeeds = true } },
        { "bpm tolerance", Similar(2) with { N = 15, SmoothTransitions = new SmoothTransitions { BpmTolerance = 4 } } },
        { "key compatible", Similar(1) with { N = 15, SmoothTransitions = new SmoothTransitions { KeyCompatible = true } } },
        { "both gates", Similar(13) with { N = 15, SmoothTransitions = new SmoothTransitions { BpmTolerance = 6, KeyCompatible = true } } },
        { "no cooldown", Similar(9) with { N = 20, ArtistCooldown = false } },
        { "no dedupe", Similar(3) with { N = 20, DedupeTitles = false } },
        { "no diversity", Similar(3) with { N = 20, DedupeTitles = false, ArtistCooldown = false } },
        { "variation", Similar(17) with { N = 20, Variation = 0.7, RngSeed = 5 } },
        { "variation other seed", Similar(17) with { N = 20, Variation = 0.7, RngSeed = 6 } },
        { "small n", Similar(25) with { N = 1 } },
    };

    [Theory]
    [MemberData(nameof(FixtureRequests))]
    public async Task Matches_the_naive_reference_on_the_fixture_library(string name, PlaylistRequest request)
    {
        _ = name;
        var expected = new ReferencePlaylists(PlaylistFixtureCatalog.Rows)
            .Similar(request with { RngSeed = request.RngSeed ?? 0 }, request.Seeds, request.SeedWeights.Count == 0 ? null : request.SeedWeights);
        var actual = await RunAsync(request with { RngSeed = request.RngSeed ?? 0 });
        AssertPlaylist(expected, actual);
        Assert.NotEmpty(actual.Items);
    }
}
