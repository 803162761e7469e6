using Harmonie.Engines.Playlists;
using Harmonie.Playlists;
using Harmonie.TestSupport;
using static Harmonie.Engines.Tests.Playlists.PlaylistTestKit;

namespace Harmonie.Engines.Tests.Playlists;

/// <summary>
/// The engine reads limited neighbour lists and fetches more only when a pick could depend on unseen tracks;
/// these tests show the playlists are nevertheless exactly those of a full ranking.
/// </summary>
public sealed class PlaylistSourceExactnessTests
{
    private const int LibrarySize = 1500;
    private static readonly IReadOnlyList<(Harmonie.Tracks.TrackRecord Track, float[]? Vector)> Library = RandomPlaylistLibrary.Create(LibrarySize);
    private static readonly InMemoryPlaylistTrackSource Source = new(Library);
    private static readonly ReferencePlaylists Reference = new(Library);

    public static TheoryData<string, PlaylistRequest> DriftRequests() => new()
    {
        { "default", Drift(7) with { N = 60, RngSeed = 0 } },
        { "variation", Drift(7) with { N = 60, Variation = 1, RngSeed = 3 } },
        { "chunk 1, variation", Drift(100, 200) with { N = 50, ChunkSize = 1, Variation = 0.3, RngSeed = 4 } },
        { "key compatible", Drift(11) with { N = 40, SmoothTransitions = new SmoothTransitions { KeyCompatible = true }, RngSeed = 0 } },
        { "both gates, variation", Drift(12) with { N = 40, ChunkSize = 3, Variation = 0.5, RngSeed = 5, SmoothTransitions = new SmoothTransitions { KeyCompatible = true, BpmTolerance = 3 } } },
        { "include seeds", Drift(13, 14, 15) with { N = 30, IncludeSeeds = true, ChunkSize = 7, RngSeed = 0 } },
        { "no diversity", Drift(16) with { N = 40, ArtistCooldown = false, DedupeTitles = false, RngSeed = 0 } },
    };

    [Theory]
    [MemberData(nameof(DriftRequests))]
    public async Task Drift_from_tiny_fetches_equals_the_full_ranking(string name, PlaylistRequest request)
    {
        _ = name;
        var tiny = new CountingTrackSource(Source);
        var fromTiny = await RunAsync(request, tiny, new PlaylistEngineOptions { InitialCandidateCount = 2 });
        var fromAll = await RunAsync(request, Source, new PlaylistEngineOptions { InitialCandidateCount = LibrarySize * 2 });
        var fromDefault = await RunAsync(request, Source);

        var expected = Reference.Drift(request, request.Seeds);
        AssertPlaylist(expected, fromAll);
        AssertPlaylist(expected, fromTiny);
        AssertPlaylist(expected, fromDefault);
        Assert.Equal(request.N, fromTiny.Items.Count);
        Assert.Contains(tiny.NearestLimits, limit => limit > 2);
    }

    [Fact]
    public async Task Drift_fetches_a_bounded_neighbourhood_not_the_library()
    {
        var counting = new CountingTrackSource(Source);
        await RunAsync(Drift(7) with { N = 60, Variation = 0.5, RngSeed = 1 }, counting, new PlaylistEngineOptions { InitialCandidateCount = 16 });
        Assert.True(counting.NearestLimits.Max() < LibrarySize / 4, $"largest fetch {counting.NearestLimits.Max()}");
    }

    [Fact]
    public async Task A_score_tolerance_only_costs_larger_fetches()
    {
        var request = Drift(21) with { N = 40, Variation = 0.8, RngSeed = 2 };
        var tolerant = await RunAsync(request, Source, new PlaylistEngineOptions { InitialCandidateCount = 4, ScoreTolerance = 1e-6 });
        AssertPlaylist(Reference.Drift(request, request.Seeds), tolerant);
    }

    [Fact]
    public async Task Similar_grows_its_fetch_until_the_key_gate_leaves_6n_tracks()
    {
        var counting = new CountingTrackSource(Source);
        var request = Similar(31) with { N = 25, RngSeed = 0, SmoothTransitions = new SmoothTransitions { KeyCompatible = true } };
        var result = await RunAsync(request, counting);

        AssertPlaylist(Reference.Similar(request, request.Seeds), result);
        Assert.Equal(150, counting.NearestLimits[0]);
        Assert.True(counting.NearestLimits.Count > 1);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.6)]
    public async Task Similar_on_a_large_library_matches_the_reference(double variation)
    {
        var request = Similar(41, 42) with { N = 80, Variation = variation, RngSeed = 9, SmoothTransitions = new SmoothTransitions { BpmTolerance = 10 } };
        AssertPlaylist(Reference.Similar(request, request.Seeds), await RunAsync(request, Source));
    }
}
