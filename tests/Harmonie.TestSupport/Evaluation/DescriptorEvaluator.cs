using Harmonie.Analysis;

namespace Harmonie.TestSupport.Evaluation;

/// <summary>
/// Scores descriptor results against the labels the way the Essentia reference was scored
/// (dev_accuracy.json): every clip with a tempo label counts for tempo and every clip with a key label for
/// key, including the 1-second clip; a missing value counts as wrong. Agreement with Essentia (loudness,
/// danceability, onset rate) uses the clips where both have a value, leaving out digital silence, whose
/// Essentia values (+68.5 dB) are artefacts.
/// </summary>
public static class DescriptorEvaluator
{
    public static DescriptorScorecard Score(
        IReadOnlyList<(LabelledClip Clip, AudioDescriptors? Result)> results,
        IReadOnlyDictionary<string, EssentiaReference>? essentia)
    {
        var tempo = results.Where(r => r.Clip.Bpm is not null).ToList();
        var acc1 = tempo.Select(r => TempoScoring.Acc1(r.Result?.Bpm, r.Clip.Bpm!.Value)).ToList();
        var acc1Alt = tempo.Select(r => TempoScoring.Acc1OrAlternative(r.Result?.Bpm, r.Clip.Bpm!.Value, r.Clip.BpmAlternative)).ToList();
        var acc2 = tempo.Select(r => TempoScoring.Acc2(r.Result?.Bpm, r.Clip.Bpm!.Value)).ToList();

        var keyed = results.Where(r => r.Clip.Key is not null).ToList();
        var keyScores = keyed.Select(r => KeyScoring.Weighted(r.Result?.Key, r.Result?.Scale, r.Clip.Key!, r.Clip.Scale!)).ToList();

        var confidencePairs = tempo.Select((r, i) => (r.Result?.BpmConfidence, Correct: acc1Alt[i] ? 1.0 : 0.0))
            .Where(p => p.BpmConfidence is not null).ToList();
        var strengthPairs = keyed.Select((r, i) => (r.Result?.KeyStrength, Score: keyScores[i]))
            .Where(p => p.KeyStrength is not null).ToList();

        var card = new DescriptorScorecard
        {
            BpmCount = tempo.Count,
            BpmAcc1 = Share(acc1),
            BpmAcc1OrAlternative = Share(acc1Alt),
            BpmAcc2 = Share(acc2),
            KeyCount = keyed.Count,
            KeyExact = keyScores.Count == 0 ? double.NaN : keyScores.Count(s => s >= 1.0) / (double)keyScores.Count,
            KeyMirex = keyScores.Count == 0 ? double.NaN : keyScores.Average(),
            ConfidenceVsCorrect = Correlation.Pearson(
                confidencePairs.Select(p => p.BpmConfidence!.Value).ToList(), confidencePairs.Select(p => p.Correct).ToList()),
            StrengthVsScore = Correlation.Pearson(
                strengthPairs.Select(p => p.KeyStrength!.Value).ToList(), strengthPairs.Select(p => p.Score).ToList()),
        };

        if (essentia is null)
        {
            return card;
        }

        var loudness = Pairs(results, essentia, d => d.Loudness);
        var dance = Pairs(results, essentia, d => d.Danceability);
        var onsets = Pairs(results, essentia, d => d.OnsetRate);
        return card with
        {
            LoudnessCount = loudness.Count,
            LoudnessWithin1Db = loudness.Count == 0 ? double.NaN : loudness.Count(p => Math.Abs(p.Ours - p.Theirs) <= 1.0) / (double)loudness.Count,
            LoudnessMaxAbsDiffDb = loudness.Count == 0 ? double.NaN : loudness.Max(p => Math.Abs(p.Ours - p.Theirs)),
            DanceabilityCount = dance.Count,
            DanceabilitySpearman = Correlation.Spearman(dance.Select(p => p.Ours).ToList(), dance.Select(p => p.Theirs).ToList()),
            OnsetRateCount = onsets.Count,
            OnsetRateSpearman = Correlation.Spearman(onsets.Select(p => p.Ours).ToList(), onsets.Select(p => p.Theirs).ToList()),
        };
    }

    private static List<(double Ours, double Theirs)> Pairs(
        IReadOnlyList<(LabelledClip Clip, AudioDescriptors? Result)> results,
        IReadOnlyDictionary<string, EssentiaReference> essentia,
        Func<AudioDescriptors, double?> field)
    {
        var pairs = new List<(double, double)>();
        foreach (var (clip, result) in results)
        {
            if (clip.Expect == "ok-no-music" || result is null
                || !essentia.TryGetValue(clip.Path, out var reference) || reference.Descriptors is null)
            {
                continue;
            }

            if (field(result) is { } ours && field(reference.Descriptors) is { } theirs)
            {
                pairs.Add((ours, theirs));
            }
        }

        return pairs;
    }

    private static double Share(List<bool> values) => values.Count == 0 ? double.NaN : values.Count(v => v) / (double)values.Count;
}
