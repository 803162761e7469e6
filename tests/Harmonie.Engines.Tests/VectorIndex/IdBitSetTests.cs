using Harmonie.Engines.VectorIndex;

namespace Harmonie.Engines.Tests.VectorIndex;

public sealed class IdBitSetTests
{
    [Fact]
    public void Holds_ids_once_and_enumerates_them_in_ascending_order()
    {
        using var set = new IdBitSet(maxId: 200);

        Assert.True(set.Add(130));
        Assert.True(set.Add(0));
        Assert.True(set.Add(64));
        Assert.False(set.Add(64));

        Assert.Equal(3, set.Count);
        Assert.Equal([0L, 64, 130], set);
        Assert.True(set.Contains(130));
        Assert.False(set.Contains(131));
        Assert.False(set.Contains(-1));
        Assert.False(set.Contains(10_000));
        Assert.Throws<ArgumentOutOfRangeException>(() => set.Add(1000));
    }

    [Fact]
    public void Set_comparisons_agree_with_a_hash_set()
    {
        using var set = new IdBitSet(maxId: 10);
        set.Add(2);
        set.Add(5);
        var same = new HashSet<long> { 5, 2 };
        var larger = new HashSet<long> { 2, 5, 7 };

        Assert.True(set.SetEquals(same));
        Assert.True(set.IsSubsetOf(larger));
        Assert.True(set.IsProperSubsetOf(larger));
        Assert.False(set.IsProperSubsetOf(same));
        Assert.True(set.IsSupersetOf([2L]));
        Assert.True(set.IsProperSupersetOf([5L]));
        Assert.True(set.Overlaps([9L, 5L]));
        Assert.False(set.Overlaps([9L]));
    }

    [Fact]
    public void A_disposed_set_is_empty_for_lookups()
    {
        var set = new IdBitSet(maxId: 10);
        set.Add(3);
        set.Dispose();

        Assert.False(set.Contains(3));
        Assert.True(set.Count == 0, "a disposed set counts no ids");
        Assert.Empty(set);
    }
}
