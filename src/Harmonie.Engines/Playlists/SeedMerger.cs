namespace Harmonie.Engines.Playlists;

/// <summary>
/// Merges explicit seeds and resolved seed references (BEHAVIOUR.md §8.1.6): explicit seeds first in their order,
/// then resolved refs in theirs; the first occurrence of an id fixes its position and duplicates add their
/// weights. Explicit seeds weigh their <c>seed_weights</c> entry, or 1 when no weights were sent.
/// </summary>
public static class SeedMerger
{
    public static MergedSeeds Merge(
        IReadOnlyList<long> seeds,
        IReadOnlyList<double> seedWeights,
        IEnumerable<(long Id, double Weight)> resolvedReferences)
    {
        if (seedWeights.Count != 0 && seedWeights.Count != seeds.Count)
        {
            throw new ArgumentException("seed_weights must be empty or as long as seeds.", nameof(seedWeights));
        }

        var ids = new List<long>();
        var weights = new List<double>();
        var positions = new Dictionary<long, int>();
        var explicitSeeds = seeds.Select((id, i) => (id, seedWeights.Count == 0 ? 1.0 : seedWeights[i]));
        foreach (var (id, weight) in explicitSeeds.Concat(resolvedReferences))
        {
            if (positions.TryGetValue(id, out var position))
            {
                weights[position] += weight;
            }
            else
            {
                positions[id] = ids.Count;
                ids.Add(id);
                weights.Add(weight);
            }
        }

        return new MergedSeeds(ids, weights);
    }
}
