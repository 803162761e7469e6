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
    public const int TimbreFeatures = TimbreStatistics.FeatureCount + OctaveBandStatistics.FeatureCount;
    public const int EmbeddingDimension = TimbreFeatures + RhythmStatistics.FeatureCount + HarmonyStatistics.FeatureCount;

    public string ModelName => Model;

    public int Dimension => EmbeddingDimension;

    public bool ProducesStyles => false;

    public IReadOnlyList<string>? StyleLabels => null;

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
        for (var g = 0; g < TimbreStatistics.BandGroups; g++)
        {
            names.AddRange([$"timbre.register{g}.relative-level", $"timbre.register{g}.level.std", $"timbre.register{g}.rise"]);
        }

        for (var band = 0; band < OctaveBandStatistics.Bands; band++)
        {
            names.AddRange([$"timbre.octave{band}.flatness.mean", $"timbre.octave{band}.flatness.std", $"timbre.octave{band}.level.mean", $"timbre.octave{band}.level.std"]);
        }

        foreach (var register in new[] { "low", "mid", "high" })
        {
            for (var band = 0; band < RhythmStatistics.LagBands; band++)
            {
                names.Add($"rhythm.{register}.acf{band}");
            }

            names.AddRange([$"rhythm.{register}.pulse", $"rhythm.{register}.flux.mean", $"rhythm.{register}.flux.std"]);
        }

        foreach (var register in new[] { "low", "mid", "high" })
        {
            names.AddRange(RhythmStatistics.BeatMultiples.Select(m => $"rhythm.{register}.beat×{m:0.##}"));
        }

        names.AddRange(["rhythm.tempo.log2", "rhythm.beat.strength"]);
        for (var k = 0; k < 12; k++)
        {
            names.Add($"harmony.chroma.rank{k + 1}");
        }

        names.AddRange(["harmony.major-minor", "harmony.key-clarity", "harmony.entropy.mean", "harmony.entropy.std", "harmony.change"]);
        for (var interval = 1; interval <= 6; interval++)
        {
            names.Add($"harmony.interval{interval}");
        }

        return [.. names];
    }
}
