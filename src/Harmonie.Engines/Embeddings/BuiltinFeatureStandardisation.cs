namespace Harmonie.Engines.Embeddings;

/// <summary>
/// Turns raw built-in features into the embedding: (x − mean) / std per feature with constants fixed
/// here, clipped to ±5 so one odd feature cannot dominate, each group (timbre, rhythm, harmony) scaled
/// to equal expected weight, then L2-normalised. The constants come from <c>harmonie bench embedding
/// --fit-standardisation</c> over the developer clips (see docs/BENCHMARKS.md); changing them, or any
/// feature, needs a new model name.
/// </summary>
internal static class BuiltinFeatureStandardisation
{
    private const float Clip = 5f;

    public static float[] Apply(ReadOnlySpan<float> raw)
    {
        var vector = new float[raw.Length];
        const int timbre = BuiltinEmbeddingExtractor.TimbreFeatures;
        ApplyGroup(raw, vector, 0, timbre);
        ApplyGroup(raw, vector, timbre, RhythmStatistics.FeatureCount);
        ApplyGroup(raw, vector, timbre + RhythmStatistics.FeatureCount, HarmonyStatistics.FeatureCount);
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        if (norm > 0)
        {
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] /= norm;
            }
        }

        return vector;
    }

    private static void ApplyGroup(ReadOnlySpan<float> raw, float[] vector, int start, int count)
    {
        var weight = 1f / MathF.Sqrt(count);
        for (var i = start; i < start + count; i++)
        {
            var z = (raw[i] - BuiltinStandardisationConstants.Mean[i]) / BuiltinStandardisationConstants.Deviation[i];
            vector[i] = Math.Clamp(z, -Clip, Clip) * weight;
        }
    }
}
