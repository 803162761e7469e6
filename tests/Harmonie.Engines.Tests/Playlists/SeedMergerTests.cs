using Harmonie.Engines.Playlists;

namespace Harmonie.Engines.Tests.Playlists;

public sealed class SeedMergerTests
{
    [Fact]
    public void Duplicate_seeds_keep_their_first_position_and_sum_their_weights()
    {
        var merged = SeedMerger.Merge([42, 117, 42], [3, 2, 4], [(117, 1), (9, 1)]);
        Assert.Equal([42L, 117, 9], merged.Ids);
        Assert.Equal([7.0, 3, 1], merged.Weights);
    }

    [Fact]
    public void Reference_weights_merge_with_explicit_weights()
    {
        var merged = SeedMerger.Merge([42], [3], [(42, 2.5), (9, 8)]);
        Assert.Equal([42L, 9], merged.Ids);
        Assert.Equal([5.5, 8], merged.Weights);
    }

    [Fact]
    public void Explicit_seeds_without_weights_weigh_one_and_come_first()
    {
        var merged = SeedMerger.Merge([5, 6], [], [(1, 4.5), (5, 1)]);
        Assert.Equal([5L, 6, 1], merged.Ids);
        Assert.Equal([2.0, 1, 4.5], merged.Weights);
    }

    [Fact]
    public void Nothing_in_gives_an_empty_list()
    {
        Assert.True(SeedMerger.Merge([], [], []).IsEmpty);
    }
}
