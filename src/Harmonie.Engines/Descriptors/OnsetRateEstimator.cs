namespace Harmonie.Engines.Descriptors;

/// <summary>
/// Essentia's OnsetRate peak picking over <see cref="OnsetDetectionFunctions"/>: each function normalised to
/// its maximum, summed, smoothed by a 5-frame moving average, gated at 0.02 per function for silence and
/// thresholded adaptively (median + 0.1·mean of the last 5 frames); an onset is the first frame of a run
/// above threshold (isolated single frames are dropped).
/// </summary>
internal static class OnsetRateEstimator
{
    private const int Delay = 5;
    private const float Alpha = 0.1f;
    private const float SilenceThreshold = 0.02f;

    /// <summary>Onsets per second of <paramref name="durationSeconds"/>; null for an empty track.</summary>
    public static double? Complete(OnsetDetectionFunctions functions, double durationSeconds)
    {
        var n = functions.Hfc.Count;
        if (n == 0 || !(durationSeconds > 0))
        {
            return null;
        }

        var hfcMax = Max(functions.Hfc);
        var complexMax = Max(functions.ComplexDomain);
        var detection = new float[n];
        for (var i = 0; i < n; i++)
        {
            detection[i] = (hfcMax > 0 ? functions.Hfc[i] / hfcMax : 0) + (complexMax > 0 ? functions.ComplexDomain[i] / complexMax : 0);
        }

        // Causal moving average over Delay frames, as Essentia's MovingAverage (zero history).
        var smoothed = new float[n];
        float running = 0;
        for (var i = 0; i < n; i++)
        {
            running += detection[i];
            if (i >= Delay)
            {
                running -= detection[i - Delay];
            }

            var value = running / Delay;
            smoothed[i] = value < SilenceThreshold * 2 ? 0 : value;
        }

        var isAbove = new bool[n];
        var buffer = new float[Delay];
        var sorted = new float[Delay];
        var index = 0;
        for (var i = 1; i < n; i++)
        {
            buffer[index] = smoothed[i];
            index = (i + 1) % Delay;
            buffer.CopyTo(sorted, 0);
            Array.Sort(sorted);
            var median = sorted[Delay / 2];
            float mean = 0;
            foreach (var b in buffer)
            {
                mean += b;
            }

            mean /= Delay;
            isAbove[i] = smoothed[i] > median + (Alpha * mean);
        }

        var onsets = 0;
        for (var i = 0; i < n; i++)
        {
            if (isAbove[i] && !(i > 0 && isAbove[i - 1]) && (i == n - 1 || isAbove[i + 1]))
            {
                onsets++;
            }
        }

        return onsets / durationSeconds;
    }

    private static float Max(List<float> values)
    {
        var max = 0f;
        foreach (var v in values)
        {
            if (v > max)
            {
                max = v;
            }
        }

        return max;
    }
}
