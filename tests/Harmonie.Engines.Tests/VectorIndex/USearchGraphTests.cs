using Harmonie.Engines.VectorIndex;

namespace Harmonie.Engines.Tests.VectorIndex;

public sealed class USearchGraphTests
{
    [Theory]
    [InlineData(0, 128)]
    [InlineData(100_000, 128)]
    [InlineData(316_228, 182)]
    [InlineData(1_000_000, 256)]
    [InlineData(10_000_000, 512)]
    public void The_search_effort_doubles_per_tenfold_growth_beyond_100000_vectors(long size, int expected) =>
        Assert.Equal(expected, USearchGraph.ExpansionSearchFor(128, size), tolerance: 1);
}
