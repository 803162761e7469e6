namespace Harmonie.Engines.Tests.VectorIndex;

/// <summary>Deterministic clustered vectors: gaussian centres plus per-point gaussian noise, like real embeddings.</summary>
internal static class ClusteredVectors
{
    public static float[] Generate(int count, int dimension, int clusters, double noise, int seed)
    {
        var random = new Random(seed);
        var centres = new float[clusters * dimension];
        for (var i = 0; i < centres.Length; i++)
        {
            centres[i] = (float)Gaussian(random);
        }

        var vectors = new float[count * dimension];
        for (var n = 0; n < count; n++)
        {
            var centre = random.Next(clusters);
            for (var d = 0; d < dimension; d++)
            {
                vectors[(n * dimension) + d] = (float)(centres[(centre * dimension) + d] + (noise * Gaussian(random)));
            }
        }

        return vectors;
    }

    public static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
