using Harmonie.Engines.Playlists;

namespace Harmonie.Engines.Tests.Playlists;

public sealed class PlaylistPickerTests
{
    private static readonly double[] Candidates = [1.0, 0.98, 0.949, 0.5];

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.25, 0.025)]
    [InlineData(1.0, 0.05)]
    public void Band_is_0_05_times_the_square_root_of_variation(double variation, double band)
    {
        Assert.Equal(band, PlaylistPicker.BandFor(variation), 12);
    }

    [Fact]
    public void Variation_0_takes_the_first_strictly_greatest_and_never_draws()
    {
        var random = new PlaylistRandom(1);
        var picker = new PlaylistPicker(0, random);
        Assert.Equal(2, picker.Pick([0.5, 0.7, 0.9, 0.9, 0.1]).Index);
        Assert.Equal(0, picker.Pick([0.0, 0.0, 0.0]).Index);
        Assert.Equal(new PlaylistRandom(1).NextUInt64(), random.NextUInt64());
    }

    [Fact]
    public void Nothing_admissible_stops()
    {
        Assert.Equal(PickOutcome.Nothing, new PlaylistPicker(0.5, new PlaylistRandom(1)).Pick([]));
    }

    [Fact]
    public void Variation_never_leaves_the_band_and_uses_both_candidates_inside_it()
    {
        var seen = new HashSet<int>();
        for (var seed = 0; seed < 400; seed++)
        {
            var outcome = new PlaylistPicker(1.0, new PlaylistRandom(seed)).Pick(Candidates);
            seen.Add(outcome.Index);
        }

        Assert.Equal([0, 1], seen.Order());
    }

    [Fact]
    public void Weights_favour_the_best_by_exp_of_the_gap_over_the_band()
    {
        var picker = new PlaylistPicker(1.0, new PlaylistRandom(3));
        var firsts = Enumerable.Range(0, 20_000).Count(_ => picker.Pick(Candidates).Index == 0);

        // Weights 1 and exp(-0.02/0.05) = 0.670: P(first) = 1/1.670 = 0.599.
        Assert.InRange(firsts / 20_000.0, 0.585, 0.613);
    }

    [Fact]
    public void Same_seed_same_picks_and_different_seeds_vary()
    {
        int[] Run(long seed)
        {
            var picker = new PlaylistPicker(1.0, new PlaylistRandom(seed));
            return Enumerable.Range(0, 30).Select(_ => picker.Pick(Candidates).Index).ToArray();
        }

        Assert.Equal(Run(42), Run(42));
        Assert.NotEqual(Run(42), Run(43));
    }

    [Fact]
    public void A_single_candidate_in_the_band_is_taken_without_drawing()
    {
        var random = new PlaylistRandom(9);
        Assert.Equal(1, new PlaylistPicker(0.25, random).Pick([0.5, 0.9, 0.87]).Index);
        Assert.Equal(new PlaylistRandom(9).NextUInt64(), random.NextUInt64());
    }

    [Fact]
    public void An_unfetched_candidate_that_could_win_or_enter_the_band_asks_for_more_before_drawing()
    {
        var random = new PlaylistRandom(9);
        var exact = new PlaylistPicker(0, random);
        Assert.True(exact.Pick([0.8, 0.7], unseenBound: 0.81).NeedsMoreCandidates);
        Assert.Equal(0, exact.Pick([0.8, 0.7], unseenBound: 0.8).Index);
        Assert.True(exact.Pick([], unseenBound: 0.1).NeedsMoreCandidates);

        var varied = new PlaylistPicker(1.0, random);
        Assert.True(varied.Pick([0.8, 0.7], unseenBound: 0.75).NeedsMoreCandidates);
        Assert.True(varied.Pick([0.8, 0.7], unseenBound: 0.8 - 0.05).NeedsMoreCandidates);
        Assert.Equal(0, varied.Pick([0.8, 0.7], unseenBound: 0.7).Index);
        Assert.Equal(new PlaylistRandom(9).NextUInt64(), random.NextUInt64());
    }
}
