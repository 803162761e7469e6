using Harmonie.Engines.Playlists;

namespace Harmonie.Engines.Tests.Playlists;

public sealed class PlaylistRandomTests
{
    [Fact]
    public void Generator_is_xoshiro256_star_star()
    {
        // From state {1, 2, 3, 4}: rotl(2·5, 7)·9 = 11520, then the state update makes s1 = 0, so the next output is 0.
        var random = PlaylistRandom.FromState(1, 2, 3, 4);
        Assert.Equal(11520UL, random.NextUInt64());
        Assert.Equal(0UL, random.NextUInt64());
    }

    [Fact]
    public void Seeding_is_splitmix64()
    {
        // SplitMix64's published first output for seed 0 is 0xE220A8397B1DCDAF; the state's first word is that value.
        var seeded = new PlaylistRandom(0);
        var manual = PlaylistRandom.FromState(0xE220A8397B1DCDAFUL, 0x6E789E6AA1B965F4UL, 0x06C45D188009454FUL, 0xF88BB8A8724C81ECUL);
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(manual.NextUInt64(), seeded.NextUInt64());
        }
    }

    [Fact]
    public void Same_seed_same_sequence_and_other_seeds_differ()
    {
        var a = Draw(new PlaylistRandom(42));
        Assert.Equal(a, Draw(new PlaylistRandom(42)));
        Assert.NotEqual(a, Draw(new PlaylistRandom(43)));
        Assert.NotEqual(a, Draw(new PlaylistRandom(-42)));
    }

    [Fact]
    public void Bounded_draws_are_in_range_and_roughly_uniform()
    {
        var random = new PlaylistRandom(7);
        var counts = new int[6];
        for (var i = 0; i < 60_000; i++)
        {
            counts[random.NextInt(6)]++;
        }

        Assert.All(counts, c => Assert.InRange(c, 9_500, 10_500));
        for (var i = 0; i < 1000; i++)
        {
            Assert.InRange(random.NextDouble(), 0.0, 1.0 - double.Epsilon);
        }
    }

    [Fact]
    public void Weighted_choice_follows_the_weights_and_never_picks_a_zero_weight()
    {
        var random = new PlaylistRandom(11);
        var counts = new int[3];
        for (var i = 0; i < 40_000; i++)
        {
            counts[random.ChooseWeighted([3.0, 0.0, 1.0])]++;
        }

        Assert.Equal(0, counts[1]);
        Assert.InRange(counts[0] / (double)counts[2], 2.8, 3.2);
    }

    [Fact]
    public void Shuffle_is_a_permutation_and_depends_on_the_seed()
    {
        var items = Enumerable.Range(0, 20).ToList();
        var first = items.ToList();
        new PlaylistRandom(5).Shuffle(first);
        var again = items.ToList();
        new PlaylistRandom(5).Shuffle(again);
        var other = items.ToList();
        new PlaylistRandom(6).Shuffle(other);

        Assert.Equal(items, first.Order());
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.NotEqual(items, first);
    }

    private static ulong[] Draw(PlaylistRandom random) => Enumerable.Range(0, 4).Select(_ => random.NextUInt64()).ToArray();
}
