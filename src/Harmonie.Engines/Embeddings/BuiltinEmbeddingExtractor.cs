namespace Harmonie.Engines.Embeddings;

/// <summary>
/// The embedding used when no Discogs-EffNet model is installed: timbre, rhythm and harmony statistics
/// of the decoded audio (no model files), each feature standardised with constants fixed in code
/// (<see cref="BuiltinFeatureStandardisation"/>, so a track's vector never depends on the rest of the
/// library), the three groups given equal weight, then L2-normalised for cosine similarity. No styles.
/// </summary>
public sealed class BuiltinEmbeddingExtractor : IEmbeddingExtractor
{
    public const string Model = "harmonie-dsp-1";
    public const int EmbeddingDimension = TimbreStatistics.FeatureCount + RhythmStatistics.FeatureCount + HarmonyStatistics.FeatureCount;

    public string ModelName => Model;

    public int Dimension => EmbeddingDimension;

    public bool ProducesStyles => false;

    public IEmbeddingSession Begin() => new BuiltinEmbeddingSession();

    /// <summary>Names of the raw features in vector order (for documentation and the standardisation fit).</summary>
    public static IReadOnlyList<string> FeatureNames { get; } = BuildFeatureNames();

    private static string[] BuildFeatureNames()
    {
        var names = new List<string>();
        for (var k = 1; k <= TimbreStatistics.CepstralCoefficients; k++)
        {
            names.Add($"timbre.cepstrum{k}.mean");
            names.Add($"timbre.cepstrum{k}.std");
        }

        names.AddRange(["timbre.centroid.mean", "timbre.centroid.std", "timbre.flatness.mean", "timbre.flatness.std", "timbre.level.std", "timbre.level.range"]);
        foreach (var register in new[] { "low", "mid", "high" })
        {
            for (var band = 0; band < RhythmStatistics.LagBands; band++)
            {
                names.Add($"rhythm.{register}.acf{band}");
            }

            names.AddRange([$"rhythm.{register}.pulse", $"rhythm.{register}.flux.mean", $"rhythm.{register}.flux.std"]);
        }

        for (var k = 0; k < 12; k++)
        {
            names.Add($"harmony.chroma.tonic+{k}");
        }

        names.AddRange(["harmony.major-minor", "harmony.key-clarity", "harmony.entropy.mean", "harmony.entropy.std", "harmony.change"]);
        for (var interval = 1; interval <= 6; interval++)
        {
            names.Add($"harmony.interval{interval}");
        }

        return [.. names];
    }
}
