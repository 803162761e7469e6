using Harmonie.Engines.Playlists;
using Harmonie.Playlists;
using Harmonie.TestSupport;
using static Harmonie.Engines.Tests.Playlists.PlaylistTestKit;
using static Harmonie.TestSupport.PlaylistFixtureTracks;

namespace Harmonie.Engines.Tests.Playlists;

public sealed class DriftPlaylistTests
{
    private static readonly InMemoryPlaylistTrackSource Fan = Source(
        At(0, Track(1, "Seed", "Origin")),
        At(10, Track(2, "A", "a")),
        At(20, Track(3, "B", "b")),
        At(30, Track(4, "C", "c")),
        At(40, Track(5, "D", "d")),
        At(-12, Track(6, "E", "e")));

    [Fact]
    public async Task Each_chunk_is_ranked_around_the_previous_chunks_last_pick_and_scored_against_its_anchor()
    {
        // Chunk 1 around 0°: 10°, −12°. Chunk 2 around −12°: 20° (32° away), 30° (42° away).
        var result = await RunAsync(Drift(1) with { N = 4, ChunkSize = 2 }, Fan);
        AssertPlaylist([2, 6, 3, 4], [0.9848, 0.9781, 0.8480, 0.7431], result);
    }

    [Fact]
    public async Task Chunk_size_1_re_anchors_after_every_pick()
    {
        var result = await RunAsync(Drift(1) with { N = 4, ChunkSize = 1 }, Fan);
        AssertPlaylist([2, 3, 4, 5], [0.9848, 0.9848, 0.9848, 0.9848], result);
    }

    [Fact]
    public async Task Chunk_size_n_is_one_ranked_pass_around_the_centroid()
    {
        var result = await RunAsync(Drift(1) with { N = 4, ChunkSize = 4 }, Fan);
        AssertPlaylist([2, 6, 3, 4], [0.9848, 0.9781, 0.9397, 0.8660], result);
        Assert.Equal(result.Ids(), (await RunAsync(Drift(1) with { N = 4, ChunkSize = 100 }, Fan)).Ids());
    }

    [Fact]
    public async Task Included_seeds_come_first_at_score_1_and_count_towards_n()
    {
        var result = await RunAsync(Drift(1) with { N = 4, ChunkSize = 2, IncludeSeeds = true }, Fan);
        AssertPlaylist([1, 2, 6, 3], [1.0, 0.9848, 0.9781, 0.8480], result);
    }

    [Fact]
    public async Task Included_seeds_are_all_emitted_even_beyond_n()
    {
        var result = await RunAsync(Drift(5, 1, 3) with { N = 2, IncludeSeeds = true }, Fan);
        AssertPlaylist([5, 1, 3], [1.0, 1.0, 1.0], result);
    }

    [Fact]
    public async Task The_transition_gate_follows_the_picks_inside_a_chunk_and_the_last_pick_between_chunks()
    {
        var source = Source(
            At(0, Track(1, "S", "s", bpm: 128, key: "A", scale: "minor")),
            At(5, Track(2, "A", "a", bpm: 131, key: "E", scale: "minor")),
            At(10, Track(3, "B", "b", bpm: 126, key: "A", scale: "minor")),
            At(12, Track(4, "C", "c", bpm: 140, key: "B", scale: "minor")),
            At(14, Track(5, "D", "d", bpm: 128)),
            At(16, Track(6, "E", "e", key: "C", scale: "major")),
            At(18, Track(7, "F", "f", bpm: 129, key: "F#", scale: "minor")),
            At(40, Track(8, "G", "g", bpm: 132.5, key: "G", scale: "major")));
        var request = Drift(1) with
        {
            N = 10,
            ChunkSize = 5,
            SmoothTransitions = new SmoothTransitions { BpmTolerance = 5, KeyCompatible = true },
        };

        // Chunk 1: E minor 131 (9A), A minor 126 (8A), C major without BPM (8B); B minor (10A) and F# minor (11A)
        // never fit, the keyless track is dropped, G major at 132.5 is 6.5 from the chunk's 126. The chunk ends
        // early; chunk 2 keeps the pre-chunk BPM 128 (the last pick had none) with C major: G major fits at 4.5.
        var result = await RunAsync(request, source);
        AssertPlaylist([2, 3, 6, 8], [0.9962, 0.9848, 0.9613, 0.9135], result);
    }

    [Fact]
    public async Task Stops_when_no_candidate_is_left()
    {
        var result = await RunAsync(Drift(1) with { N = 100 }, Fan);
        Assert.Equal(5, result.Items.Count);
    }

    [Fact]
    public async Task The_anchor_moves_from_one_genre_to_the_next()
    {
        // From a techno seed with chunks of 6: the first chunk is all techno, the walk then reaches house.
        var result = await RunAsync(Drift(1) with { N = 12, ChunkSize = 6 });
        Assert.All(result.Ids()[..6], id => Assert.Contains(id, PlaylistFixtureCatalog.Techno));
        Assert.Contains(result.Ids()[6..], id => PlaylistFixtureCatalog.House.Contains(id));
    }

    [Fact]
    public async Task Yields_unique_non_seed_tracks_and_never_another_file_of_a_seed_song()
    {
        var result = await RunAsync(Drift(PlaylistFixtureCatalog.IronLung) with { N = 25 });
        Assert.Equal(25, result.Ids().Distinct().Count());
        Assert.DoesNotContain(PlaylistFixtureCatalog.IronLung, result.Ids());
        Assert.DoesNotContain(PlaylistFixtureCatalog.IronLungCompilation, result.Ids());
    }

    [Fact]
    public async Task Multi_seed_include_puts_the_seeds_first_in_merged_order()
    {
        var result = await RunAsync(Drift(9, 1) with { N = 6, IncludeSeeds = true, SeedRefs = [Ref("Sola", "Aurora")] });
        Assert.Equal([9L, 1, 19], result.Ids()[..3]);
        Assert.Equal(6, result.Ids().Distinct().Count());
    }

    [Fact]
    public async Task Every_consecutive_pick_respects_the_tolerance_and_the_key_wheel()
    {
        var request = Drift(1) with
        {
            N = 30,
            ChunkSize = 1,
            SmoothTransitions = new SmoothTransitions { BpmTolerance = 6, KeyCompatible = true },
        };
        var result = await RunAsync(request);
        var previous = PlaylistFixtureCatalog.Get(1);
        Assert.NotEmpty(result.Items);
        foreach (var item in result.Items)
        {
            var d = item.Track.Descriptors;
            Assert.True(CamelotWheel.IsIn(CamelotWheel.CompatibleCodes(previous.Descriptors.Key, previous.Descriptors.Scale), d.Key, d.Scale));
            if (d.Bpm is { } bpm && previous.Descriptors.Bpm is { } before)
            {
                Assert.InRange(Math.Abs(bpm - before), 0, 6);
            }

            previous = item.Track;
        }
    }

    [Fact]
    public async Task Variation_is_reproducible_per_rng_seed_and_varies_across_seeds()
    {
        var playlists = new HashSet<string>();
        for (var seed = 0; seed < 8; seed++)
        {
            var request = Drift(9) with { N = 12, Variation = 1, RngSeed = seed };
            var ids = (await RunAsync(request)).Ids();
            Assert.Equal(ids, (await RunAsync(request)).Ids());
            playlists.Add(string.Join(",", ids));
        }

        Assert.True(playlists.Count >= 4, $"only {playlists.Count} distinct playlists");
    }

    public static TheoryData<string, PlaylistRequest> FixtureRequests() => new()
    {
        { "default", Drift(3) with { N = 20 } },
        { "chunk 1", Drift(3) with { N = 20, ChunkSize = 1 } },
        { "chunk n", Drift(3) with { N = 20, ChunkSize = 20 } },
        { "chunk 3, long", Drift(17) with { N = 40, ChunkSize = 3 } },
        { "two seeds", Drift(1, 9) with { N = 15, ChunkSize = 4 } },
        { "weighted", Drift(1, 9) with { N = 15, SeedWeights = [5, 1] } },
        { "include seeds", Drift(3, 25) with { N = 12, IncludeSeeds = true, ChunkSize = 2 } },
        { "bpm tolerance", Drift(10) with { N = 20, SmoothTransitions = new SmoothTransitions { BpmTolerance = 3 } } },
        { "key compatible", Drift(1) with { N = 20, ChunkSize = 2, SmoothTransitions = new SmoothTransitions { KeyCompatible = true } } },
        { "both gates", Drift(1) with { N = 20, SmoothTransitions = new SmoothTransitions { BpmTolerance = 8, KeyCompatible = true } } },
        { "no cooldown", Drift(9) with { N = 20, ArtistCooldown = false } },
        { "no dedupe", Drift(3) with { N = 20, DedupeTitles = false } },
        { "variation", Drift(25) with { N = 25, Variation = 1, RngSeed = 1, ChunkSize = 3 } },
        { "variation other seed", Drift(25) with { N = 25, Variation = 1, RngSeed = 2, ChunkSize = 3 } },
        { "variation quarter", Drift(9) with { N = 25, Variation = 0.25, RngSeed = 77 } },
    };

    [Theory]
    [MemberData(nameof(FixtureRequests))]
    public async Task Matches_the_naive_reference_on_the_fixture_library(string name, PlaylistRequest request)
    {
        _ = name;
        request = request with { RngSeed = request.RngSeed ?? 0 };
        var weights = request.SeedWeights.Count == 0 ? null : request.SeedWeights;
        var expected = new ReferencePlaylists(PlaylistFixtureCatalog.Rows).Drift(request, request.Seeds, weights);
        AssertPlaylist(expected, await RunAsync(request));
        AssertPlaylist(expected, await RunAsync(request, options: new PlaylistEngineOptions { InitialCandidateCount = 1 }));
        Assert.NotEmpty(expected);
    }

    [Fact]
    public async Task The_filter_is_respected()
    {
        var source = PlaylistFixtureCatalog.Source(t => t.Descriptors.Danceability is >= 1.5);
        var result = await RunAsync(Drift(1) with { N = 30, ChunkSize = 2 }, source);
        Assert.NotEmpty(result.Items);
        Assert.All(result.Items, i => Assert.True(i.Track.Descriptors.Danceability >= 1.5));
        var expected = new ReferencePlaylists(PlaylistFixtureCatalog.Rows, t => t.Descriptors.Danceability is >= 1.5)
            .Drift(Drift(1) with { N = 30, ChunkSize = 2, RngSeed = 0 }, [1]);
        AssertPlaylist(expected, result);
    }

    private static SeedReference Ref(string artist, string title) =>
        new() { Reference = new Harmonie.Tracks.TrackReference { Artist = artist, Title = title, Album = "Polar" } };
}
