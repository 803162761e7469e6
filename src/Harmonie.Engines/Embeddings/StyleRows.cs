using Harmonie.Analysis;

namespace Harmonie.Engines.Embeddings;

/// <summary>
/// The style rows stored for a track (BEHAVIOUR §3.6): the 400 probabilities sorted descending, the first
/// ten taken, stopping at the first one below 0.05 — so at most ten rows, all ≥ 0.05.
/// </summary>
public static class StyleRows
{
    public const int MaxRows = 10;
    public const float MinProbability = 0.05f;

    public static IReadOnlyList<StyleScore> Select(ReadOnlySpan<float> probabilities, IReadOnlyList<string> labels)
    {
        if (probabilities.Length != labels.Count)
        {
            throw new ArgumentException($"{probabilities.Length} probabilities for {labels.Count} labels.", nameof(probabilities));
        }

        // Stable order for ties: higher probability first, then label order.
        var order = new int[probabilities.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var values = probabilities.ToArray();
        Array.Sort(order, (a, b) => values[a] != values[b] ? values[b].CompareTo(values[a]) : a.CompareTo(b));

        var rows = new List<StyleScore>(MaxRows);
        foreach (var index in order.Take(MaxRows))
        {
            if (!(values[index] >= MinProbability))
            {
                break;
            }

            rows.Add(new StyleScore(labels[index], values[index]));
        }

        return rows;
    }
}
