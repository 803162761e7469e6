using Harmonie.Playlists;
using Harmonie.Tracks;

namespace Harmonie.Engines.Tests.Playlists;

public sealed class PlaylistRequestValidatorTests
{
    private static readonly PlaylistRequest Seeded = new() { Mode = PlaylistMode.Similar, Seeds = [1, 2] };

    [Fact]
    public void Defaults_with_a_seed_are_valid_and_vibe_needs_no_seed()
    {
        Assert.Empty(PlaylistRequestValidator.Validate(Seeded));
        Assert.Empty(PlaylistRequestValidator.Validate(new PlaylistRequest { Mode = PlaylistMode.Vibe }));
        Assert.Empty(PlaylistRequestValidator.Validate(Seeded with { Seeds = [], SeedRefs = [Ref("/a.flac")] }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(501)]
    [InlineData(-3)]
    public void N_must_be_1_to_500(int n)
    {
        Assert.Equal(["n"], Fields(Seeded with { N = n }));
        Assert.Equal(["n"], Fields(new PlaylistRequest { Mode = PlaylistMode.Vibe, N = n }));
    }

    [Fact]
    public void Seeded_modes_need_a_seed_or_a_ref()
    {
        Assert.Equal(["seeds"], Fields(Seeded with { Seeds = [] }));
        Assert.Equal(["seeds"], Fields(Seeded with { Mode = PlaylistMode.Drift, Seeds = [] }));
    }

    [Fact]
    public void Seed_weights_must_match_the_seeds_and_be_finite_and_positive()
    {
        Assert.Equal(["seed_weights"], Fields(Seeded with { SeedWeights = [1.0] }));
        Assert.Equal(["seed_weights[1]"], Fields(Seeded with { SeedWeights = [1, 0] }));
        Assert.Equal(["seed_weights[1]"], Fields(Seeded with { SeedWeights = [1, -1] }));
        Assert.Equal(["seed_weights[0]"], Fields(Seeded with { SeedWeights = [double.NaN, 1] }));
        Assert.Equal(["seed_weights[0]"], Fields(Seeded with { SeedWeights = [double.PositiveInfinity, 1] }));
        Assert.Empty(Fields(Seeded with { SeedWeights = [2, 0.5] }));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NaN)]
    public void Ref_weights_must_be_finite_and_positive(double weight)
    {
        Assert.Equal(["seed_refs[0].weight"], Fields(Seeded with { SeedRefs = [Ref("/a.flac") with { Weight = weight }] }));
    }

    [Fact]
    public void An_empty_ref_is_rejected()
    {
        Assert.Equal(["seed_refs[1]"], Fields(Seeded with { SeedRefs = [Ref("/a"), new SeedReference { Reference = new TrackReference { Title = "" } }] }));
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void Variation_must_be_0_to_1(double variation)
    {
        Assert.Equal(["variation"], Fields(Seeded with { Variation = variation }));
    }

    [Fact]
    public void Chunk_size_must_be_1_to_100_in_drift_only()
    {
        Assert.Equal(["chunk_size"], Fields(Seeded with { Mode = PlaylistMode.Drift, ChunkSize = 0 }));
        Assert.Equal(["chunk_size"], Fields(Seeded with { Mode = PlaylistMode.Drift, ChunkSize = 101 }));
        Assert.Empty(Fields(Seeded with { Mode = PlaylistMode.Drift, ChunkSize = 100 }));
        Assert.Empty(Fields(Seeded with { ChunkSize = 0 }));
    }

    [Fact]
    public void Bpm_tolerance_and_targets_have_their_ranges()
    {
        Assert.Equal(["smooth_transitions.bpm_tolerance"], Fields(Seeded with { SmoothTransitions = new SmoothTransitions { BpmTolerance = -1 } }));
        Assert.Empty(Fields(Seeded with { SmoothTransitions = new SmoothTransitions { BpmTolerance = 0 } }));
        var vibe = new PlaylistRequest { Mode = PlaylistMode.Vibe };
        Assert.Equal(["target.bpm"], Fields(vibe with { Target = new VibeTarget { Bpm = 0 } }));
        Assert.Equal(["target.danceability"], Fields(vibe with { Target = new VibeTarget { Danceability = -0.1 } }));
        Assert.Empty(Fields(vibe with { Target = new VibeTarget { Bpm = 128, Danceability = 0 } }));
    }

    [Fact]
    public void Fields_a_mode_does_not_use_are_ignored()
    {
        Assert.Empty(Fields(new PlaylistRequest { Mode = PlaylistMode.Vibe, Seeds = [1], SeedWeights = [1, 2, 3], Variation = 7 }));
        Assert.Empty(Fields(Seeded with { Target = new VibeTarget { Bpm = -5 } }));
    }

    private static string[] Fields(PlaylistRequest request) => PlaylistRequestValidator.Validate(request).Select(e => e.Field).ToArray();

    private static SeedReference Ref(string path) => new() { Reference = new TrackReference { Path = path } };
}
