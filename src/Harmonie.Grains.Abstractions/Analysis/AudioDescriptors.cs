namespace Harmonie.Analysis;

/// <summary>
/// The musical descriptor block of a track. Every field is independently optional: a descriptor that
/// cannot be computed (silence, too short, failure) is null and the others are still stored.
/// </summary>
[GenerateSerializer, Immutable, Alias("harmonie.AudioDescriptors")]
public sealed record AudioDescriptors
{
    public static AudioDescriptors Empty { get; } = new();

    /// <summary>Tempo in beats per minute.</summary>
    [Id(0)] public double? Bpm { get; init; }

    /// <summary>Tempo confidence on Essentia's RhythmExtractor2013 scale (0–5.32; above 1.5 is confident).</summary>
    [Id(1)] public double? BpmConfidence { get; init; }

    /// <summary>Tonic spelled as Essentia does: A, Bb, B, C, C#, D, Eb, E, F, F#, G, Ab.</summary>
    [Id(2)] public string? Key { get; init; }

    /// <summary><c>major</c> or <c>minor</c>.</summary>
    [Id(3)] public string? Scale { get; init; }

    /// <summary>Key confidence, 0–1.</summary>
    [Id(4)] public double? KeyStrength { get; init; }

    /// <summary>ReplayGain-style gain in dB (negative for loud material).</summary>
    [Id(5)] public double? Loudness { get; init; }

    /// <summary>Essentia-style danceability (≈0–3, higher is more danceable).</summary>
    [Id(6)] public double? Danceability { get; init; }

    /// <summary>Onsets per second.</summary>
    [Id(7)] public double? OnsetRate { get; init; }
}
