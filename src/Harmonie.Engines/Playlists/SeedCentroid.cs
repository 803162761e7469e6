namespace Harmonie.Engines.Playlists;

/// <summary>
/// The seeds' anchor (BEHAVIOUR.md §8.1): the weighted mean of their unit vectors (weights divided by their
/// sum), L2-normalised with the 1e-12 floor, so one seed is its own direction and all-zero seeds give a zero
/// centroid that scores 0 against everything.
/// </summary>
public static class SeedCentroid
{
    public static double[] Compute(IReadOnlyList<float[]> unitVectors, IReadOnlyList<double> weights)
    {
        if (unitVectors.Count == 0 || unitVectors.Count != weights.Count)
        {
            throw new ArgumentException("One weight per seed vector is required, and at least one seed.", nameof(weights));
        }

        var total = weights.Sum();
        var centroid = new double[unitVectors[0].Length];
        for (var s = 0; s < unitVectors.Count; s++)
        {
            var share = weights[s] / total;
            var vector = unitVectors[s];
            for (var i = 0; i < centroid.Length; i++)
            {
                centroid[i] += share * vector[i];
            }
        }

        return UnitVectors.NormaliseInPlace(centroid);
    }
}
