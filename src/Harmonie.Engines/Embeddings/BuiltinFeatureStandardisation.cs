namespace Harmonie.Engines.Embeddings;

/// <summary>
/// Turns raw built-in features into the embedding: (x − mean) / deviation per feature with constants
/// fixed in <see cref="BuiltinStandardisationConstants"/>, clipped to ±5 so one odd feature cannot
/// dominate, each block (<see cref="BuiltinFeatureBlocks"/>) L2-normalised to its weight, then the whole
/// L2-normalised: the cosine of two vectors is the weighted mean of their blocks' cosines, and no block
/// can drown the others by having more features. Changing a constant, a weight or a feature needs a new
/// model name.
/// </summary>
internal static class BuiltinFeatureStandardisation
{
    private const float Clip = 5f;

    /// <param name="raw">Raw features in <see cref="BuiltinEmbeddingExtractor.FeatureNames"/> order.</param>
    /// <param name="seconds">Length of the audio, for the short-excerpt weighting.</param>
    /// <param name="weights">Block weights replacing the fixed ones (only for the benchmark's checks).</param>
    /// <param name="mean">Feature means replacing the fixed ones (only for the benchmark's checks).</param>
    /// <param name="deviation">Feature deviations replacing the fixed ones (only for the benchmark's checks).</param>
    public static float[] Apply(
        ReadOnlySpan<float> raw, double seconds, IReadOnlyList<float>? weights = null, IReadOnlyList<float>? mean = null, IReadOnlyList<float>? deviation = null)
    {
        mean ??= BuiltinStandardisationConstants.Mean;
        deviation ??= BuiltinStandardisationConstants.Deviation;
        var vector = new float[raw.Length];
        var start = 0;
        for (var b = 0; b < BuiltinFeatureBlocks.All.Count; b++)
        {
            var block = BuiltinFeatureBlocks.All[b];
            var reliability = block.FullWeightSeconds <= 0 ? 1 : Math.Min(1, seconds / block.FullWeightSeconds);
            var weight = (weights?[b] ?? block.Weight) * (float)reliability;
            for (var i = start; i < start + block.Count; i++)
            {
                var z = (raw[i] - mean[i]) / deviation[i];
                vector[i] = Math.Clamp(z, -Clip, Clip);
            }

            Normalise(vector.AsSpan(start, block.Count), weight);
            start += block.Count;
        }

        Normalise(vector, 1f);
        return vector;
    }

    private static void Normalise(Span<float> values, float length)
    {
        double squares = 0;
        foreach (var v in values)
        {
            squares += v * v;
        }

        if (squares <= 0)
        {
            return;
        }

        var scale = (float)(length / Math.Sqrt(squares));
        foreach (ref var v in values)
        {
            v *= scale;
        }
    }
}
