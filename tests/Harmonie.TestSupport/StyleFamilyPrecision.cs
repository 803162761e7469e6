namespace Harmonie.TestSupport;

/// <summary>
/// Nearest-neighbour retrieval quality by style family (cosine similarity, the query itself excluded).
/// Every item is a candidate; the queries are the items whose family has at least one other member.
/// </summary>
/// <remarks>
/// With families of 2–5 items, plain precision@5 cannot reach 1 even for a perfect embedding, so the
/// headline <see cref="AtK"/> scores each query on its first min(k, family size − 1) neighbours
/// (R-precision capped at k). Optional <c>pieces</c> name the recording each item is a copy of: a
/// query then skips other copies of its own piece (another loudness, format or tempo of the same
/// notes) and is scored only on different pieces of its family.
/// </remarks>
public static class StyleFamilyPrecision
{
    /// <summary>
    /// Mean over queries of the share of same-family items among the first min(k, family size − 1)
    /// neighbours — precision@k that a perfect embedding can reach even when a family has fewer than
    /// k + 1 members.
    /// </summary>
    public static double AtK(IReadOnlyList<(string Family, float[] Vector)> items, int k = 5, IReadOnlyList<string?>? pieces = null) =>
        Mean(QueryScores(items, k, capAtFamilySize: true, pieces));

    /// <summary>Plain precision@k: same-family share of the first k neighbours (its ceiling falls with small families).</summary>
    public static double PlainAtK(IReadOnlyList<(string Family, float[] Vector)> items, int k = 5) =>
        Mean(QueryScores(items, k, capAtFamilySize: false));

    /// <summary>The best plain precision@k any embedding could reach on these families.</summary>
    public static double PlainCeiling(IReadOnlyList<string> families, int k = 5)
    {
        var sizes = families.GroupBy(f => f).ToDictionary(g => g.Key, g => g.Count());
        var queries = families.Where(f => sizes[f] > 1).ToList();
        return queries.Count == 0 ? 0 : queries.Average(f => Math.Min(k, sizes[f] - 1) / (double)k);
    }

    /// <summary>Number of items that count as queries (with <paramref name="pieces"/>: that have a different piece of their family).</summary>
    public static int QueryCount(IReadOnlyList<string> families, IReadOnlyList<string?>? pieces = null) =>
        Enumerable.Range(0, families.Count).Count(q => Relevant(families, pieces, q) > 0);

    /// <summary>The mean score of random unit vectors over <paramref name="trials"/> draws (the floor to beat).</summary>
    public static double RandomFloor(
        IReadOnlyList<string> families, int dimension, int k = 5, int trials = 200, int seed = 12345, IReadOnlyList<string?>? pieces = null)
    {
        var random = new Random(seed);
        var total = 0.0;
        for (var t = 0; t < trials; t++)
        {
            var items = families.Select(f => (f, Enumerable.Range(0, dimension).Select(_ => (float)NextGaussian(random)).ToArray())).ToList();
            total += AtK(items, k, pieces);
        }

        return total / trials;
    }

    /// <summary>Each query's score (item index, share of hits), in item order; the headline is their mean.</summary>
    public static IReadOnlyList<(int Query, double Score)> QueryScores(
        IReadOnlyList<(string Family, float[] Vector)> items, int k = 5, bool capAtFamilySize = true, IReadOnlyList<string?>? pieces = null)
    {
        var families = items.Select(i => i.Family).ToList();
        var scores = new List<(int, double)>();
        for (var q = 0; q < items.Count; q++)
        {
            var relevant = Relevant(families, pieces, q);
            if (relevant == 0)
            {
                continue;
            }

            var depth = capAtFamilySize ? Math.Min(k, relevant) : k;
            var hits = Enumerable.Range(0, items.Count)
                .Where(i => i != q && !SamePiece(pieces, q, i))
                .OrderByDescending(i => Cosine(items[q].Vector, items[i].Vector))
                .ThenBy(i => i)
                .Take(depth)
                .Count(i => families[i] == families[q]);
            scores.Add((q, hits / (double)depth));
        }

        return scores;
    }

    private static int Relevant(IReadOnlyList<string> families, IReadOnlyList<string?>? pieces, int q) =>
        Enumerable.Range(0, families.Count).Count(i => i != q && families[i] == families[q] && !SamePiece(pieces, q, i));

    private static bool SamePiece(IReadOnlyList<string?>? pieces, int a, int b) =>
        pieces is not null && pieces[a] is not null && pieces[a] == pieces[b];

    private static double Mean(IReadOnlyList<(int Query, double Score)> scores) => scores.Count == 0 ? 0 : scores.Average(s => s.Score);

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }

        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }

    private static double NextGaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
