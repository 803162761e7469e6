using Harmonie.Engines.Playlists;
using Harmonie.Playlists;
using Harmonie.TestSupport;
using Harmonie.Tracks;
using static Harmonie.Engines.Tests.Playlists.PlaylistTestKit;
using static Harmonie.TestSupport.PlaylistFixtureTracks;

namespace Harmonie.Engines.Tests.Playlists;

public sealed class PlaylistSessionTests
{
    public static TheoryData<string, PlaylistRequest> Requests() => new()
    {
        { "similar", Similar(3) with { N = 9, RngSeed = 1, Variation = 0.4 } },
        { "similar include", Similar(3, 12) with { N = 9, IncludeSeeds = true } },
        { "drift", Drift(17) with { N = 9, ChunkSize = 4, RngSeed = 8, Variation = 0.6 } },
        { "drift include", Drift(17, 25) with { N = 9, IncludeSeeds = true, ChunkSize = 2 } },
        { "vibe", Vibe() with { N = 9, RngSeed = 5 } },
        { "vibe target", Vibe() with { N = 4, Target = new VibeTarget { Bpm = 124 }, RngSeed = 5 } },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task The_first_batch_is_the_one_shot_playlist(string name, PlaylistRequest request)
    {
        _ = name;
        var session = await PlaylistSession.StartAsync(request, PlaylistFixtureCatalog.Source());
        var first = await session.NextAsync(request.N);
        Assert.Equal((await RunAsync(request)).Ids(), first.Ids());
        Assert.Equal((await RunAsync(request)).Scores(), first.Scores());
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Batches_never_repeat_a_track_or_a_song_until_the_library_runs_out(string name, PlaylistRequest request)
    {
        _ = name;
        var session = await PlaylistSession.StartAsync(request, PlaylistFixtureCatalog.Source());
        var seen = new List<TrackRecord>();
        var sizes = new List<int>();
        for (var batch = 0; batch < 12; batch++)
        {
            var result = await session.NextAsync(batch == 0 ? request.N : 4);
            sizes.Add(result.Items.Count);
            seen.AddRange(result.Items.Select(i => i.Track));
        }

        Assert.Equal(seen.Count, seen.Select(t => t.Id).Distinct().Count());
        var songs = seen.Select(DiversityState.SongKey).OfType<(string, string)>().ToList();
        Assert.Equal(songs.Count, songs.Distinct().Count());
        Assert.Equal(0, sizes[^1]);
        Assert.Equal(seen.Count, session.EmittedCount);

        // Everything reachable was played: the seeds' model (or the whole catalog for vibe) minus the one duplicate song.
        var reachable = request.Mode == PlaylistMode.Vibe ? 34 : request.IncludeSeeds ? 32 : 32 - request.Seeds.Count;
        Assert.Equal(reachable, seen.Count);
    }

    [Fact]
    public async Task Drift_batches_concatenate_to_one_longer_drift()
    {
        var request = Drift(9) with { N = 5, ChunkSize = 4, Variation = 0.5, RngSeed = 12 };
        var session = await PlaylistSession.StartAsync(request, PlaylistFixtureCatalog.Source());
        var batches = new List<long>();
        foreach (var count in new[] { 5, 7, 8 })
        {
            batches.AddRange((await session.NextAsync(count)).Ids());
        }

        Assert.Equal((await RunAsync(request with { N = 20 })).Ids(), batches);
    }

    [Fact]
    public async Task Untargeted_vibe_batches_concatenate_to_one_longer_vibe()
    {
        var request = Vibe() with { N = 10, RngSeed = 21 };
        var session = await PlaylistSession.StartAsync(request, PlaylistFixtureCatalog.Source());
        var batches = new List<long>();
        foreach (var count in new[] { 10, 6, 9 })
        {
            batches.AddRange((await session.NextAsync(count)).Ids());
        }

        Assert.Equal((await RunAsync(request with { N = 25 })).Ids(), batches);
    }

    [Fact]
    public async Task Similar_continues_the_chain_from_the_last_pick()
    {
        var source = Source(
            At(0, Track(1, "Seed", "Origin")),
            At(10, Track(2, "A", "a1")),
            At(20, Track(3, "A", "a2")),
            At(30, Track(4, "B", "b1")),
            At(40, Track(5, "C", "c1")),
            At(-15, Track(6, "D", "d1")),
            At(90, Track(7, "E", "e1")));
        var session = await PlaylistSession.StartAsync(Similar(1) with { N = 2, ArtistCooldown = false }, source);

        AssertPlaylist([2, 3], [0.9848, 0.9397], await session.NextAsync(2));
        AssertPlaylist([4, 5], [0.8660, 0.7660], await session.NextAsync(2));

        // From 40°: 90° is 50° away, −15° is 55° away. Then nothing is left.
        AssertPlaylist([7, 6], [0, 0.9659], await session.NextAsync(5));
        Assert.Empty((await session.NextAsync(5)).Items);
    }

    [Fact]
    public async Task Similar_widens_its_neighbourhood_to_six_times_everything_requested()
    {
        // One track per batch: the first pool holds 6 tracks, yet the session reaches the whole model.
        var session = await PlaylistSession.StartAsync(Similar(3) with { N = 1 }, PlaylistFixtureCatalog.Source());
        var ids = new List<long>();
        for (var i = 0; i < 40; i++)
        {
            ids.AddRange((await session.NextAsync(1)).Ids());
        }

        Assert.Equal(31, ids.Distinct().Count());
        Assert.Equal(31, ids.Count);
    }

    [Fact]
    public async Task After_the_first_batch_songs_are_never_repeated_even_without_title_dedupe()
    {
        var copies = Enumerable.Range(1, 5).Select(i => (Track(i, "Kessler", "Iron Lung", path: $"Album {i}/01.flac"), (float[]?)null));
        var source = new InMemoryPlaylistTrackSource([.. copies, (Track(6, "Other", "Song"), null), (Track(7, "Third", "Song"), null)]);
        var session = await PlaylistSession.StartAsync(Vibe() with { N = 2, Shuffle = false, DedupeTitles = false, ArtistCooldown = false }, source);

        AssertIds([1, 2], await session.NextAsync(2));
        AssertIds([6, 7], await session.NextAsync(10));
    }

    [Fact]
    public async Task Targeted_vibe_widens_its_cut_to_five_times_everything_requested()
    {
        var copies = Enumerable.Range(1, 11).Select(i => (Track(i, "X", "Same", bpm: 128, path: $"Copy {i}.flac"), (float[]?)null));
        var source = new InMemoryPlaylistTrackSource([.. copies, (Track(12, "Y", "Other", bpm: 140), null)]);
        var session = await PlaylistSession.StartAsync(Vibe() with { N = 2, Target = new VibeTarget { Bpm = 128 }, Shuffle = false }, source);

        AssertIds([1], await session.NextAsync(2));
        AssertIds([12], await session.NextAsync(1));
    }

    [Fact]
    public async Task Unresolved_refs_come_with_the_first_batch_only_and_batch_sizes_are_checked()
    {
        var request = Similar(1) with { N = 3, SeedRefs = [new SeedReference { Reference = new TrackReference { Path = "/gone.flac" } }] };
        var session = await PlaylistSession.StartAsync(request, PlaylistFixtureCatalog.Source());
        Assert.Single((await session.NextAsync(3)).UnresolvedSeedRefs);
        Assert.Empty((await session.NextAsync(3)).UnresolvedSeedRefs);
        Assert.Equal(2, session.BatchCount);
        Assert.Equal(PlaylistErrorKind.Invalid, (await Assert.ThrowsAsync<PlaylistException>(() => session.NextAsync(0))).Kind);
        Assert.Equal(PlaylistErrorKind.Invalid, (await Assert.ThrowsAsync<PlaylistException>(() => session.NextAsync(501))).Kind);
    }

    [Fact]
    public async Task Sessions_with_the_same_rng_seed_replay_identically()
    {
        async Task<List<long>> Play()
        {
            var session = await PlaylistSession.StartAsync(Similar(9) with { N = 4, Variation = 1, RngSeed = 99 }, PlaylistFixtureCatalog.Source());
            var ids = new List<long>();
            for (var i = 0; i < 5; i++)
            {
                ids.AddRange((await session.NextAsync(4)).Ids());
            }

            return ids;
        }

        Assert.Equal(await Play(), await Play());
    }
}
