using Harmonie.Engines.Playlists;

namespace Harmonie.Engines.Tests.Playlists;

public sealed class UnitVectorsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(17)]
    [InlineData(1280)]
    public void Dot_is_the_float64_sum_of_products_for_any_length(int length)
    {
        var random = new PlaylistRandom(length);
        var row = Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var query = Enumerable.Range(0, length).Select(_ => random.NextDouble() - 0.5).ToArray();
        var naive = row.Zip(query, (r, q) => r * q).Sum();
        Assert.Equal(naive, UnitVectors.Dot(row, query), 12);
    }

    [Fact]
    public void Normalising_keeps_a_zero_vector_zero_and_makes_others_unit_length()
    {
        Assert.Equal([0f, 0f, 0f], UnitVectors.Normalise([0f, 0f, 0f]));
        Assert.Equal([0.6f, 0.8f], UnitVectors.Normalise([3f, 4f]));
        Assert.Equal([0.0, 0.0], UnitVectors.NormaliseInPlace([0.0, 0.0]));
        Assert.Equal(0.0, UnitVectors.Dot(UnitVectors.Normalise([0f, 0f]), [0.6, 0.8]));
    }

    [Fact]
    public void Dot_refuses_vectors_of_different_lengths()
    {
        Assert.Throws<ArgumentException>(() => UnitVectors.Dot([1f, 2f], [1.0]));
    }
}
