using Harmonie.Filtering;
using Harmonie.Playlists;
using Harmonie.TestSupport;
using Harmonie.Tracks;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Harmonie.Engines.Tests.Playlists;

/// <summary>The playlist types cross grain calls: a missing [Id] or codec only shows at run time, so round-trip them here.</summary>
public sealed class PlaylistTypesSerializationTests
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(PlaylistRequest).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    [Fact]
    public void A_full_request_round_trips()
    {
        var request = new PlaylistRequest
        {
            Mode = PlaylistMode.Drift,
            N = 33,
            Filter = new TrackFilter { Bpm = new NumericRange(120, 130), Keys = ["A"], StyleMin = 0.3 },
            ArtistCooldown = false,
            DedupeTitles = false,
            Seeds = [42, 7],
            SeedWeights = [2, 1.5],
            SeedRefs = [new SeedReference { Reference = new TrackReference { Artist = "A", Title = "T" }, Weight = 4.5 }],
            Variation = 0.25,
            RngSeed = -9,
            IncludeSeeds = true,
            SmoothTransitions = new SmoothTransitions { BpmTolerance = 5, KeyCompatible = true },
            ChunkSize = 3,
            Target = new VibeTarget { Bpm = 128, Danceability = 1.5 },
            Shuffle = false,
        };

        var copy = Serializer.Deserialize<PlaylistRequest>(Serializer.SerializeToArray(request))!;

        Assert.Equal(request.Seeds, copy.Seeds);
        Assert.Equal(request.SeedWeights, copy.SeedWeights);
        Assert.Equal(request.SeedRefs[0], copy.SeedRefs[0]);
        Assert.Equal(request.Filter.Bpm, copy.Filter!.Bpm);
        Assert.Equal(request with { Seeds = copy.Seeds, SeedWeights = copy.SeedWeights, SeedRefs = copy.SeedRefs, Filter = copy.Filter }, copy);
    }

    [Fact]
    public void A_result_round_trips()
    {
        var result = new PlaylistResult
        {
            Items = [new PlaylistItem(3, 0.9876, PlaylistFixtureTracks.Track(3, "Kessler", "Iron Lung", 128, "C", "major", style: "Electronic---Techno"))],
            UnresolvedSeedRefs = [new UnresolvedSeedReference(new SeedReference { Reference = new TrackReference { Path = "/x" } }, UnresolvedSeedReference.NoMatch)],
            SessionId = "s-1",
        };

        var copy = Serializer.Deserialize<PlaylistResult>(Serializer.SerializeToArray(result))!;

        Assert.Equal(result.SessionId, copy.SessionId);
        Assert.Equal(result.Items[0].TrackId, copy.Items[0].TrackId);
        Assert.Equal(result.Items[0].Score, copy.Items[0].Score);
        Assert.Equal(result.Items[0].Track.Tags, copy.Items[0].Track.Tags);
        Assert.Equal(result.Items[0].Track.Styles, copy.Items[0].Track.Styles);
        Assert.Equal(result.UnresolvedSeedRefs, copy.UnresolvedSeedRefs);
    }

    [Fact]
    public void Errors_keep_their_kind_and_detail()
    {
        var copy = Serializer.Deserialize<PlaylistException>(Serializer.SerializeToArray(PlaylistException.SeedNotFound(99)))!;
        Assert.Equal(PlaylistErrorKind.NotFound, copy.Kind);
        Assert.Equal("'seed track 99 not in database'", copy.Message);

        var validation = new PlaylistValidationError("seed_refs[0].weight", "bad");
        Assert.Equal(validation, Serializer.Deserialize<PlaylistValidationError>(Serializer.SerializeToArray(validation)));
    }
}
