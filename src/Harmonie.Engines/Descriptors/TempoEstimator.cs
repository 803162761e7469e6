namespace Harmonie.Engines.Descriptors;

/// <summary>
/// Tempo from the onset envelope: windowed autocorrelation summed over the track (a tempogram averaged in
/// time), periodicity salience of each candidate tempo with its metrical multiples, then the metrical
/// level chosen musically (see <see cref="ChooseLevel"/>), refined to sub-frame precision.
/// </summary>
internal sealed class TempoEstimator
{
    public const double MinBpm = 40;
    public const double MaxBpm = 240;

    private const double FrameRate = SpectralFrame.FrameRate;
    private const int WindowFrames = 1024;
    private const int WindowHop = 256;
    private const int MaxLag = 420;
    private const double MinSeconds = 5;

    public List<string>? Diagnostics { get; set; }

    public TempoEstimate? Estimate(OnsetEnvelope envelope)
    {
        var n = envelope.Count;
        if (n < MinSeconds * FrameRate)
        {
            return null;
        }

        var low = Detrend(envelope.Low);
        var mid = Detrend(envelope.Mid);
        var high = Detrend(envelope.High);
        var all = new float[n];
        for (var i = 0; i < n; i++)
        {
            all[i] = low[i] + mid[i] + high[i];
        }

        var acf = Autocorrelation(all);
        if (!(acf[0] > 1e-9))
        {
            return null;
        }

        var normalised = new double[acf.Length];
        for (var l = 0; l < acf.Length; l++)
        {
            normalised[l] = acf[l] / acf[0];
        }

        var best = double.NegativeInfinity;
        var bestBpm = 0.0;
        var candidates = new List<(double Bpm, double Score, double Raw)>();
        for (var bpm = MinBpm; bpm <= MaxBpm; bpm *= 1.005)
        {
            var lag = 60 * FrameRate / bpm;
            var raw = At(normalised, lag);
            var salience = raw + (0.5 * At(normalised, 2 * lag)) + (0.25 * At(normalised, 4 * lag));
            var prior = Math.Exp(-0.5 * Math.Pow(Math.Log2(bpm / 120) / 1.0, 2));
            var score = salience * prior;
            candidates.Add((bpm, score, raw));
            if (score > best)
            {
                best = score;
                bestBpm = bpm;
            }
        }

        if (Diagnostics is not null)
        {
            var peaks = candidates
                .Where((c, i) => i > 0 && i < candidates.Count - 1 && c.Score >= candidates[i - 1].Score && c.Score >= candidates[i + 1].Score)
                .OrderByDescending(c => c.Score)
                .Take(5);
            Diagnostics.Add(string.Join(" ", peaks.Select(p => $"{p.Bpm:F1}:{p.Score:F3}/{p.Raw:F3}")));
        }

        var refined = Refine(normalised, 60 * FrameRate / bestBpm);
        var bpmOut = 60 * FrameRate / refined;
        var confidence = Math.Clamp(best * 5.32, 0, 5.32);
        return new TempoEstimate(bpmOut, confidence);
    }

    private static float[] Detrend(List<float> values)
    {
        var n = values.Count;
        var result = new float[n];
        const int half = 20;
        double sum = 0;
        var count = 0;
        var head = 0;
        var tail = 0;
        for (var i = 0; i < n; i++)
        {
            while (head < n && head <= i + half)
            {
                sum += values[head++];
                count++;
            }

            while (tail < i - half)
            {
                sum -= values[tail++];
                count--;
            }

            var v = values[i] - (sum / count);
            result[i] = v > 0 ? (float)v : 0f;
        }

        return result;
    }

    private static double[] Autocorrelation(float[] x)
    {
        var n = x.Length;
        var maxLag = Math.Min(MaxLag, n - 1);
        var acf = new double[maxLag + 1];
        var window = Math.Min(WindowFrames, n);
        var starts = new List<int>();
        for (var s = 0; s + window <= n; s += WindowHop)
        {
            starts.Add(s);
        }

        if (starts[^1] + window < n)
        {
            starts.Add(n - window);
        }

        foreach (var start in starts)
        {
            var span = new ReadOnlySpan<float>(x, start, window);
            for (var lag = 0; lag <= maxLag && lag < window; lag++)
            {
                var dot = System.Numerics.Tensors.TensorPrimitives.Dot(span[..(window - lag)], span[lag..]);
                acf[lag] += dot / (window - lag);
            }
        }

        return acf;
    }

    private static double At(double[] values, double position)
    {
        if (position < 0 || position >= values.Length - 1)
        {
            return 0;
        }

        var i = (int)position;
        var f = position - i;
        return (values[i] * (1 - f)) + (values[i + 1] * f);
    }

    // Finds the local autocorrelation maximum near the lag, then sharpens it with the peak at 4× the lag.
    private static double Refine(double[] acf, double lag)
    {
        var peak = LocalPeak(acf, lag, Math.Max(2, lag * 0.04));
        var quadruple = LocalPeak(acf, 4 * peak, Math.Max(2, peak * 0.16));
        if (quadruple > 0 && Math.Abs((quadruple / 4) - peak) < peak * 0.03)
        {
            return quadruple / 4;
        }

        var doubled = LocalPeak(acf, 2 * peak, Math.Max(2, peak * 0.08));
        return doubled > 0 && Math.Abs((doubled / 2) - peak) < peak * 0.03 ? doubled / 2 : peak;
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

        if (best <= from && best > 1 && acf[best - 1] > acf[best])
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
