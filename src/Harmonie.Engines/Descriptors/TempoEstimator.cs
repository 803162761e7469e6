using System.Numerics.Tensors;

namespace Harmonie.Engines.Descriptors;

/// <summary>
/// Tempo from the shared onset detection functions (high-frequency content + complex domain, each scaled to
/// its mean and locally detrended). Their autocorrelation, summed over 12-second windows (an averaged
/// tempogram, so tempo drift blurs rather than breaks it), gives a periodicity salience for every tempo;
/// the salience of a beat period also counts its half-bar (2×) period, and a broad tempo prior
/// (log-normal around 135 BPM) separates the 3:2 and 4:3 rivals that autocorrelation cannot. The pulse
/// level is then folded into 70–140 BPM, the octave the labelled quarter-note tempo sits in for almost all
/// styles (double-time styles such as drum and bass are accepted at half tempo), and refined to sub-frame
/// precision from the autocorrelation peaks at 1×, 2× and 4× the period.
/// </summary>
internal sealed class TempoEstimator
{
    public const double FoldLowBpm = 70;
    public const double MaxConfidence = 5.32;

    private const double FrameRate = SpectralFrame.FrameRate;
    private const double SearchMinBpm = 40;
    private const double SearchMaxBpm = 240;
    private const double PriorCentreBpm = 135;
    private const double PriorWidthOctaves = 0.6;
    private const double HalfBarWeight = 0.5;
    private const int WindowFrames = 1024;
    private const int WindowHop = 256;
    private const int MaxLag = 420;
    private const int DetrendHalfWidth = 20;

    // Shorter input holds too few beats to tell a tempo (the 1-second clip).
    private const double MinSeconds = 5;

    // Without a beat-lag autocorrelation peak this high, and this far above the median lag (relative to
    // the peak), there is no steady pulse: white noise measures about 0.1, ambient washes 0.12, music 0.29+.
    private const double MinPeriodicity = 0.08;
    private const double MinContrast = 0.2;

    public TempoEstimate? Estimate(OnsetDetectionFunctions functions)
    {
        var n = functions.Count;
        if (n < MinSeconds * FrameRate)
        {
            return null;
        }

        var hfc = Detrend(functions.Hfc);
        var complexDomain = Detrend(functions.ComplexDomain);
        var odf = new float[n];
        for (var i = 0; i < n; i++)
        {
            odf[i] = hfc[i] + complexDomain[i];
        }

        var acf = Autocorrelation(odf);
        if (!(acf[0] > 0))
        {
            return null;
        }

        for (var l = acf.Length - 1; l >= 0; l--)
        {
            acf[l] /= acf[0];
        }

        // Salience × prior over a fine logarithmic tempo grid.
        var grid = new List<(double Bpm, double Score)>();
        for (var bpm = SearchMinBpm; bpm <= SearchMaxBpm; bpm *= 1.005)
        {
            var lag = 60 * FrameRate / bpm;
            var salience = At(acf, lag) + (HalfBarWeight * At(acf, 2 * lag));
            var prior = Math.Exp(-0.5 * Math.Pow(Math.Log2(bpm / PriorCentreBpm) / PriorWidthOctaves, 2));
            grid.Add((bpm, salience * prior));
        }

        var best = grid.MaxBy(g => g.Score);
        if (!(best.Score > 0))
        {
            return null;
        }

        if (!(StrongestPeriodicity(acf) >= MinPeriodicity) || !(PeriodicityContrast(acf) >= MinContrast))
        {
            return null;
        }

        var period = Refine(acf, 60 * FrameRate / best.Bpm);

        var bpmOut = 60 * FrameRate / period;
        while (bpmOut < FoldLowBpm)
        {
            bpmOut *= 2;
        }

        while (bpmOut >= 2 * FoldLowBpm)
        {
            bpmOut /= 2;
        }

        return new TempoEstimate(bpmOut, Confidence(grid, best));
    }

    private static double StrongestPeriodicity(double[] acf)
    {
        var from = (int)(60 * FrameRate / SearchMaxBpm);
        var to = Math.Min(acf.Length - 1, (int)(60 * FrameRate / SearchMinBpm));
        var max = 0.0;
        for (var l = from; l <= to; l++)
        {
            max = Math.Max(max, acf[l]);
        }

        return max;
    }

    // Peak against typical level over the beat lags: a pulse stands out, noise and washes are flat.
    private static double PeriodicityContrast(double[] acf)
    {
        var from = (int)(60 * FrameRate / SearchMaxBpm);
        var to = Math.Min(acf.Length - 1, (int)(60 * FrameRate / SearchMinBpm));
        var lags = acf[from..(to + 1)];
        Array.Sort(lags);
        var max = lags[^1];
        return max > 0 ? (max - lags[lags.Length / 2]) / max : 0;
    }

    // How clearly the winner beats its strongest rival that is not the same pulse at another octave
    // (a 3:2 or 4:3 neighbour, or an unrelated peak): 0 when tied, 5.32 when the rival is absent.
    private static double Confidence(List<(double Bpm, double Score)> grid, (double Bpm, double Score) best)
    {
        var rival = 0.0;
        for (var i = 1; i < grid.Count - 1; i++)
        {
            var (bpm, score) = grid[i];
            if (score < grid[i - 1].Score || score < grid[i + 1].Score)
            {
                continue;
            }

            var octaves = Math.Log2(bpm / best.Bpm);
            if (Math.Abs(octaves - Math.Round(octaves)) < 0.06)
            {
                continue;
            }

            rival = Math.Max(rival, score);
        }

        var margin = 1 - (rival / best.Score);
        return Math.Clamp(margin * 2 * MaxConfidence, 0, MaxConfidence);
    }

    /// <summary>Scales to the mean, subtracts a ±0.23 s moving average and keeps the positive part.</summary>
    internal static float[] Detrend(List<float> values)
    {
        var n = values.Count;
        var result = new float[n];
        double total = 0;
        foreach (var v in values)
        {
            total += v;
        }

        if (!(total > 0))
        {
            return result;
        }

        var scale = n / total;
        double sum = 0;
        var count = 0;
        var head = 0;
        var tail = 0;
        for (var i = 0; i < n; i++)
        {
            while (head < n && head <= i + DetrendHalfWidth)
            {
                sum += values[head++];
                count++;
            }

            while (tail < i - DetrendHalfWidth)
            {
                sum -= values[tail++];
                count--;
            }

            var v = (values[i] - (sum / count)) * scale;
            result[i] = v > 0 ? (float)v : 0f;
        }

        return result;
    }

    /// <summary>Unbiased autocorrelation summed over overlapping windows (lags 0…420 frames, 4.9 s).</summary>
    internal static double[] Autocorrelation(float[] x)
    {
        var n = x.Length;
        var window = Math.Min(WindowFrames, n);
        var maxLag = Math.Min(MaxLag, window - 1);
        var acf = new double[MaxLag + 1];
        for (var start = 0; ; start += WindowHop)
        {
            var last = start + window >= n;
            if (last)
            {
                start = n - window;
            }

            var span = new ReadOnlySpan<float>(x, start, window);
            for (var lag = 0; lag <= maxLag; lag++)
            {
                acf[lag] += TensorPrimitives.Dot(span[..(window - lag)], span[lag..]) / (window - lag);
            }

            if (last)
            {
                return acf;
            }
        }
    }

    internal static double At(double[] values, double position)
    {
        if (position < 0 || position >= values.Length - 1)
        {
            return 0;
        }

        var i = (int)position;
        var f = position - i;
        return (values[i] * (1 - f)) + (values[i + 1] * f);
    }

    // The local autocorrelation maximum near the lag, sharpened by the peaks at 4× and 2× the lag.
    private static double Refine(double[] acf, double lag)
    {
        var peak = LocalPeak(acf, lag, Math.Max(2, lag * 0.04));
        if (peak < 0)
        {
            return lag;
        }

        foreach (var multiple in new[] { 4, 2 })
        {
            var longer = LocalPeak(acf, multiple * peak, Math.Max(2, multiple * peak * 0.02));
            if (longer > 0 && Math.Abs((longer / multiple) - peak) < peak * 0.02)
            {
                return longer / multiple;
            }
        }

        return peak;
    }

    private static double LocalPeak(double[] acf, double centre, double radius)
    {
        var from = Math.Max(1, (int)Math.Floor(centre - radius));
        var to = Math.Min(acf.Length - 2, (int)Math.Ceiling(centre + radius));
        if (from > to)
        {
            return -1;
        }

        var best = from;
        for (var i = from; i <= to; i++)
        {
            if (acf[i] > acf[best])
            {
                best = i;
            }
        }

        if ((best == from && acf[best - 1] > acf[best]) || (best == to && acf[best + 1] > acf[best]))
        {
            return -1;
        }

        var a = acf[best - 1];
        var b = acf[best];
        var c = acf[best + 1];
        var denominator = a - (2 * b) + c;
        var offset = denominator < 0 ? 0.5 * (a - c) / denominator : 0;
        return best + Math.Clamp(offset, -0.5, 0.5);
    }
}
