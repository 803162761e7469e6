using Harmonie.Engines.VectorIndex;

namespace Harmonie.Engines.Tests.VectorIndex;

public sealed class IdRowMapTests
{
    [Fact]
    public void Dense_sparse_huge_and_negative_ids_all_map_to_their_rows()
    {
        var map = new IdRowMap();
        var expected = new Dictionary<long, int>();
        var random = new Random(4);
        var ids = Enumerable.Range(1, 5000).Select(i => (long)i)
            .Concat([5_000_000_000L, -7, long.MaxValue, 300_000])
            .OrderBy(_ => random.Next())
            .ToList();

        // Ids arrive out of order, so some start in the dictionary and must move into the array as it grows.
        for (var row = 0; row < ids.Count; row++)
        {
            map.Set(ids[row], row);
            expected[ids[row]] = row;
        }

        foreach (var id in ids.Where(id => id % 3 == 0).ToList())
        {
            Assert.True(map.Remove(id, out var removedRow));
            Assert.Equal(expected[id], removedRow);
            expected.Remove(id);
        }

        map.Set(10, 99);
        expected[10] = 99;

        Assert.Equal(expected.Count, map.Count);
        foreach (var (id, row) in expected)
        {
            Assert.True(map.TryGetRow(id, out var found), $"id {id} is missing");
            Assert.Equal(row, found);
        }

        Assert.False(map.TryGetRow(3, out _));
        Assert.False(map.TryGetRow(5001, out _));
        Assert.False(map.Remove(3, out _));
    }
}
