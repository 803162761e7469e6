namespace Harmonie.Engines.Descriptors;

/// <summary>A tempo in BPM with its confidence on RhythmExtractor2013's 0–5.32 scale.</summary>
internal sealed record TempoEstimate(double Bpm, double Confidence);
