namespace Harmonie.Engines.Embeddings;

/// <summary>
/// The embedding used when no Discogs-EffNet model is installed: timbre, note-envelope, rhythm and harmony
/// statistics of the decoded audio (no model files), each feature standardised with constants fixed in
/// code (<see cref="BuiltinFeatureStandardisation"/>, so a track's vector never depends on the rest of the
/// library), each block L2-normalised and weighted, then the whole L2-normalised for cosine similarity.
/// No styles.
/// </summary>
public sealed class BuiltinEmbeddingExtractor : IEmbeddingExtractor
{
    public const string Model = "harmonie-dsp-2";
    public const int EmbeddingDimension = TimbreStatistics.FeatureCount + OctaveBandStatistics.FeatureCount
        + NoteEnvelopeStatistics.FeatureCount + AttackSpectrumStatistics.FeatureCount + RhythmStatistics.FeatureCount + HarmonyStatistics.FeatureCount;

    public string ModelName => Model;

    public int Dimension => EmbeddingDimension;

    public bool ProducesStyles => false;

    public IReadOnlyList<string>? StyleLabels => null;

    public IEmbeddingSession Begin() => new BuiltinEmbeddingSession();

    /// <summary>Names of the raw features in vector order (for documentation and the standardisation fit).</summary>
    public static IReadOnlyList<string> FeatureNames { get; } =
    [
        .. TimbreStatistics.FeatureNames, .. OctaveBandStatistics.FeatureNames, .. NoteEnvelopeStatistics.FeatureNames, .. AttackSpectrumStatistics.FeatureNames,
        .. RhythmStatistics.FeatureNames, .. HarmonyStatistics.FeatureNames,
    ];
}
