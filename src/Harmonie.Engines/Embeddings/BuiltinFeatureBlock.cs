namespace Harmonie.Engines.Embeddings;

/// <summary>
/// A run of <paramref name="Count"/> consecutive features that is normalised and weighted as one. A block
/// that needs several bars to measure (rhythm, harmony, note envelopes) gets its full weight only from
/// <paramref name="FullWeightSeconds"/> of audio on, less in proportion for a shorter excerpt.
/// </summary>
internal sealed record BuiltinFeatureBlock(string Name, int Count, float Weight, double FullWeightSeconds);
