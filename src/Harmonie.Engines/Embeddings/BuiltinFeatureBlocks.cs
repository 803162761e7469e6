namespace Harmonie.Engines.Embeddings;

/// <summary>
/// The built-in embedding's feature blocks in vector order. Equal weights: on the developer clips, weights
/// chosen on half of the style families did not beat equal weights on the other half (docs/BENCHMARKS.md, "Embeddings").
/// </summary>
internal static class BuiltinFeatureBlocks
{
    // One 8-second rhythm window: below that, periodicity, chord statistics and onset counts are guesses.
    private const double BarsSeconds = 8;

    public static IReadOnlyList<BuiltinFeatureBlock> All { get; } =
    [
        new("timbre", TimbreStatistics.FeatureCount + OctaveBandStatistics.FeatureCount, 1f, 0),
        new("envelope", NoteEnvelopeStatistics.FeatureCount, 1f, BarsSeconds),
        new("attack", AttackSpectrumStatistics.FeatureCount, 1f, BarsSeconds),
        new("rhythm", RhythmStatistics.FeatureCount, 1f, BarsSeconds),
        new("harmony", HarmonyStatistics.FeatureCount, 1f, BarsSeconds),
    ];
}
