using Harmonie.Engines.Playlists;
using Harmonie.Playlists;
using Harmonie.TestSupport;
using Harmonie.Tracks;
using static Harmonie.Engines.Tests.Playlists.PlaylistTestKit;
using static Harmonie.TestSupport.PlaylistFixtureTracks;

namespace Harmonie.Engines.Tests.Playlists;

public sealed class VibePlaylistTests
{
    private static readonly VibeTarget Bpm128 = new() { Bpm = 128 };

    [Fact]
    public async Task Ranks_by_closeness_to_the_target_with_the_cooldown_and_scores_the_raw_fitness()
    {
        var source = Rows(
            Track(1, "A", "a1", bpm: 128),
            Track(2, "A", "a2", bpm: 129),
            Track(3, "B", "b1", bpm: 131),
            Track(4, "C", "c1"),
            Track(5, "A", "a3", bpm: 127.5));

        // Fitness −|bpm − 128|/5, −10 without BPM. After two A picks, a2 (−0.2 − 0.2) still beats b1 (−0.6).
        var result = await RunAsync(Vibe() with { N = 4, Target = Bpm128, Shuffle = false }, source);
        AssertPlaylist([1, 5, 2, 3], [0, -0.1, -0.2, -0.6], result);
    }

    [Fact]
    public async Task Danceability_target_adds_twice_the_distance_or_1_when_missing()
    {
        var source = Rows(
            Track(1, "A", "a", bpm: 120, danceability: 1.0),
            Track(2, "B", "b", bpm: 130, danceability: 1.5),
            Track(3, "C", "c", bpm: 126),
            Track(4, "D", "d", danceability: 1.4));
        var target = new VibeTarget { Bpm = 128, Danceability = 1.5 };

        // 1: −1.6 − 1.0; 2: −0.4 − 0; 3: −0.4 − 1 (no danceability); 4: −10 − 0.2.
        var result = await RunAsync(Vibe() with { N = 4, Target = target, Shuffle = false }, source);
        AssertPlaylist([2, 3, 1, 4], [-0.4, -1.4, -2.6, -10.2], result);
    }

    [Fact]
    public async Task Without_targets_a_just_used_artist_waits_while_others_are_available()
    {
        var source = Rows(
            Track(1, "A", "1"), Track(2, "A", "2"), Track(3, "A", "3"),
            Track(4, "B", "4"), Track(5, "B", "5"), Track(6, "C", "6"));
        var result = await RunAsync(Vibe() with { N = 6, Shuffle = false }, source);
        AssertPlaylist([1, 4, 6, 2, 5, 3], [0, 0, 0, 0, 0, 0], result);
    }

    [Fact]
    public async Task Dedupes_songs_unless_diversity_is_disabled()
    {
        var copies = Enumerable.Range(1, 5).Select(i => Track(i, "Kessler", "Iron Lung", path: $"Album {i}/01.flac")).ToList();
        var source = Rows([.. copies, Track(6, "Other", "Song")]);

        AssertIds([1, 6], await RunAsync(Vibe() with { N = 10, Shuffle = false }, source));
        var all = await RunAsync(Vibe() with { N = 10, Shuffle = false, DedupeTitles = false, ArtistCooldown = false }, source);
        Assert.Equal([1, 2, 3, 4, 5, 6], all.Ids());
    }

    [Fact]
    public async Task With_a_target_only_the_best_5n_tracks_are_considered()
    {
        var copies = Enumerable.Range(1, 11).Select(i => Track(i, "X", "Same", bpm: 128, path: $"Copy {i}.flac"));
        var source = Rows([.. copies, Track(12, "Y", "Other", bpm: 140)]);

        // n = 2 keeps the ten copies of one song; n = 3 keeps 15 and reaches the other song.
        AssertIds([1], await RunAsync(Vibe() with { N = 2, Target = Bpm128, Shuffle = false }, source));
        AssertIds([1, 12], await RunAsync(Vibe() with { N = 3, Target = Bpm128, Shuffle = false }, source));
    }

    [Fact]
    public async Task Every_matching_track_is_considered_not_only_the_first_10000()
    {
        var rows = Enumerable.Range(1, 10_050).Select(i => Track(i, $"Artist {i}", "t", bpm: i == 10_050 ? 128 : 100)).ToArray();
        var result = await RunAsync(Vibe() with { N = 1, Target = Bpm128, Shuffle = false }, Rows(rows));
        AssertPlaylist([10_050], [0], result);
    }

    [Fact]
    public async Task Covers_every_model_and_unindexed_rows()
    {
        var result = await RunAsync(Vibe() with { N = 100, Shuffle = false, ArtistCooldown = false, DedupeTitles = false });
        Assert.Equal(Enumerable.Range(1, 35).Select(i => (long)i), result.Ids());
    }

    [Fact]
    public async Task Shuffle_is_reproducible_per_seed_and_varies_across_seeds()
    {
        var request = Vibe() with { N = 30, ArtistCooldown = false };
        var first = (await RunAsync(request with { RngSeed = 42 })).Ids();
        Assert.Equal(first, (await RunAsync(request with { RngSeed = 42 })).Ids());
        var other = (await RunAsync(request with { RngSeed = 43 })).Ids();
        Assert.NotEqual(first, other);
        Assert.NotEqual(first, (await RunAsync(request with { Shuffle = false })).Ids());
    }

    [Fact]
    public async Task With_a_target_shuffle_only_reorders_ties()
    {
        var source = Rows(
            Track(1, "A", "a", bpm: 126), Track(2, "B", "b", bpm: 130), Track(3, "C", "c", bpm: 126),
            Track(4, "D", "d", bpm: 130), Track(5, "E", "e", bpm: 120));
        for (var seed = 0; seed < 10; seed++)
        {
            var result = await RunAsync(Vibe() with { N = 5, Target = Bpm128, RngSeed = seed }, source);
            Assert.Equal([1L, 2, 3, 4], result.Ids()[..4].Order());
            Assert.Equal(5, result.Ids()[4]);
        }
    }

    public static TheoryData<string, PlaylistRequest, bool> FixtureRequests() => new()
    {
        { "target, no shuffle", Vibe() with { N = 10, Target = Bpm128, Shuffle = false }, false },
        { "target, shuffled", Vibe() with { N = 10, Target = new VibeTarget { Bpm = 125, Danceability = 1.8 }, RngSeed = 4 }, false },
        { "filtered target", Vibe() with { N = 8, Target = new VibeTarget { Danceability = 2 }, RngSeed = 9 }, true },
        { "shuffle only", Vibe() with { N = 20, RngSeed = 42 }, false },
        { "filtered shuffle", Vibe() with { N = 20, RngSeed = 7 }, true },
        { "no dedupe", Vibe() with { N = 35, RngSeed = 3, DedupeTitles = false }, false },
        { "no cooldown", Vibe() with { N = 35, RngSeed = 3, ArtistCooldown = false }, false },
    };

    [Theory]
    [MemberData(nameof(FixtureRequests))]
    public async Task Matches_the_naive_reference_on_the_fixture_library(string name, PlaylistRequest request, bool filtered)
    {
        _ = name;
        Func<TrackRecord, bool>? filter = filtered ? t => t.Descriptors.Bpm is >= 120 and <= 135 : null;
        request = request with { RngSeed = request.RngSeed ?? 0 };
        var expected = new ReferencePlaylists(PlaylistFixtureCatalog.Rows, filter).Vibe(request);
        var actual = await RunAsync(request, PlaylistFixtureCatalog.Source(filter));
        AssertPlaylist(expected, actual);
        Assert.NotEmpty(actual.Items);
        if (filter is not null)
        {
            Assert.All(actual.Items, i => Assert.True(filter(i.Track)));
        }
    }

    private static InMemoryPlaylistTrackSource Rows(params TrackRecord[] tracks) => new(tracks.Select(t => (t, (float[]?)null)));
}
