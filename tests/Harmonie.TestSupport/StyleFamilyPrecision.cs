namespace Harmonie.TestSupport;

/// <summary>
/// Nearest-neighbour retrieval quality by style family (cosine similarity, the query itself excluded).
/// Queries are the items whose family has at least one other member; every item is a candidate.
/// </summary>
public static class StyleFamilyPrecision
{
    /// <summary>
    /// Mean over queries of the share of same-family items among the first min(k, family size − 1)
    /// neighbours — precision@k that a perfect embedding can reach even when a family has fewer than
    /// k + 1 members.
    /// </summary>
    public static double AtK(IReadOnlyList<(string Family, float[] Vector)> items, int k = 5) =>
        Evaluate(items, k, capAtFamilySize: true);

    /// <summary>Plain precision@k: same-family share of the first k neighbours (its ceiling falls with small families).</summary>
    public static double PlainAtK(IReadOnlyList<(string Family, float[] Vector)> items, int k = 5) =>
        Evaluate(items, k, capAtFamilySize: false);

    /// <summary>The best plain precision@k any embedding could reach on these families.</summary>
    public static double PlainCeiling(IReadOnlyList<string> families, int k = 5)
    {
        var sizes = families.GroupBy(f => f).ToDictionary(g => g.Key, g => g.Count());
        var queries = families.Where(f => sizes[f] > 1).ToList();
        return queries.Count == 0 ? 0 : queries.Average(f => Math.Min(k, sizes[f] - 1) / (double)k);
    }

    /// <summary>The mean score of random unit vectors over <paramref name="trials"/> draws (the floor to beat).</summary>
    public static double RandomFloor(IReadOnlyList<string> families, int dimension, int k = 5, int trials = 200, int seed = 12345)
    {
        var random = new Random(seed);
        var total = 0.0;
        for (var t = 0; t < trials; t++)
        {
            var items = families.Select(f => (f, Enumerable.Range(0, dimension).Select(_ => (float)NextGaussian(random)).ToArray())).ToList();
            total += AtK(items, k);
        }

        return total / trials;
    }

    private static double Evaluate(IReadOnlyList<(string Family, float[] Vector)> items, int k, bool capAtFamilySize)
    {
        var sizes = items.GroupBy(i => i.Family).ToDictionary(g => g.Key, g => g.Count());
        var scores = new List<double>();
        for (var q = 0; q < items.Count; q++)
        {
            var family = items[q].Family;
            if (sizes[family] < 2)
            {
                continue;
            }

            var depth = capAtFamilySize ? Math.Min(k, sizes[family] - 1) : k;
            var hits = Enumerable.Range(0, items.Count)
                .Where(i => i != q)
                .OrderByDescending(i => Cosine(items[q].Vector, items[i].Vector))
                .ThenBy(i => i)
                .Take(depth)
                .Count(i => items[i].Family == family);
            scores.Add(hits / (double)depth);
        }

        return scores.Count == 0 ? 0 : scores.Average();
    }

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
