namespace Harmonie.TestSupport.Evaluation;

/// <summary>Accuracy and agreement figures of one descriptor implementation on the labelled clips.</summary>
public sealed record DescriptorScorecard
{
    public int BpmCount { get; init; }

    public double BpmAcc1 { get; init; }

    public double BpmAcc1OrAlternative { get; init; }

    public double BpmAcc2 { get; init; }

    public int KeyCount { get; init; }

    public double KeyExact { get; init; }

    public double KeyMirex { get; init; }

    /// <summary>Pearson correlation between bpm_confidence and being right (Acc1 or alternative); NaN if undefined.</summary>
    public double ConfidenceVsCorrect { get; init; }

    /// <summary>Pearson correlation between key_strength and the MIREX score.</summary>
    public double StrengthVsScore { get; init; }

    public int LoudnessCount { get; init; }

    /// <summary>Share of clips whose loudness is within ±1 dB of Essentia's ReplayGain.</summary>
    public double LoudnessWithin1Db { get; init; }

    public double LoudnessMaxAbsDiffDb { get; init; }

    public int DanceabilityCount { get; init; }

    public double DanceabilitySpearman { get; init; }

    public int OnsetRateCount { get; init; }

    public double OnsetRateSpearman { get; init; }
}
