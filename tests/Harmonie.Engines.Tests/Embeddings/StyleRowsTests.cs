using Harmonie.Engines.Embeddings;

namespace Harmonie.Engines.Tests.Embeddings;

public sealed class StyleRowsTests
{
    private static readonly IReadOnlyList<string> Labels = Discogs400Labels.Bundled;

    [Fact]
    public void Twelve_planted_with_seven_above_threshold_give_seven_rows_in_descending_order()
    {
        var probabilities = new float[400];
        float[] planted = [0.9f, 0.5f, 0.3f, 0.2f, 0.1f, 0.07f, 0.05f, 0.049f, 0.04f, 0.03f, 0.02f, 0.01f];
        for (var i = 0; i < planted.Length; i++)
        {
            probabilities[(i * 31) + 5] = planted[i];
        }

        var rows = StyleRows.Select(probabilities, Labels);

        Assert.Equal(7, rows.Count);
        Assert.Equal(planted.Take(7).Select(p => (double)p), rows.Select(r => r.Probability));
        Assert.Equal(Labels[5], rows[0].Style);
        Assert.Equal(Labels[(6 * 31) + 5], rows[6].Style);
    }

    [Fact]
    public void All_at_one_half_give_exactly_ten_rows()
    {
        var rows = StyleRows.Select(Enumerable.Repeat(0.5f, 400).ToArray(), Labels);

        Assert.Equal(10, rows.Count);
        Assert.Equal(Labels.Take(10), rows.Select(r => r.Style)); // ties keep label order
    }

    [Fact]
    public void All_below_threshold_give_no_rows()
    {
        Assert.Empty(StyleRows.Select(Enumerable.Repeat(0.001f, 400).ToArray(), Labels));
    }

    [Fact]
    public void Mismatched_lengths_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => StyleRows.Select(new float[399], Labels));
    }
}
