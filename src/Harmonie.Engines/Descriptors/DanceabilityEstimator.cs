namespace Harmonie.Engines.Descriptors;

/// <summary>
/// Essentia's Danceability (Streich &amp; Herrera's detrended fluctuation analysis): the standard deviation
/// of each 10 ms slice is integrated, and the DFA exponent α is measured for block lengths of 310 ms to
/// 8.8 s; danceability is 1 / mean(α). Streaming keeps one float per 10 ms, not the samples.
/// </summary>
internal sealed class DanceabilityEstimator
{
    private const int SliceSize = 441;
    private const double MinTauMs = 310;
    private const double MaxTauMs = 8800;
    private const double TauMultiplier = 1.1;

    private static readonly int[] Taus = BuildTaus();

    private readonly List<float> _sliceDeviations = [];
    private double _sum;
    private double _sumSquares;
    private int _fill;

    public void Write(ReadOnlySpan<float> samples)
    {
        foreach (var s in samples)
        {
            _sum += s;
            _sumSquares += (double)s * s;
            if (++_fill == SliceSize)
            {
                // Sample standard deviation (n − 1), as Essentia.
                var mean = _sum / SliceSize;
                var variance = Math.Max(0, (_sumSquares - (SliceSize * mean * mean)) / (SliceSize - 1));
                _sliceDeviations.Add((float)Math.Sqrt(variance));
                _sum = 0;
                _sumSquares = 0;
                _fill = 0;
            }
        }
    }

    /// <summary>Danceability (≈0–3), 0 for silence, null when shorter than the smallest block.</summary>
    public double? Complete()
    {
        var n = _sliceDeviations.Count;
        if (n <= Taus[0])
        {
            return null;
        }

        var s = new double[n];
        double mean = 0;
        for (var i = 0; i < n; i++)
        {
            mean += _sliceDeviations[i];
        }

        mean /= n;
        double running = 0;
        for (var i = 0; i < n; i++)
        {
            running += _sliceDeviations[i] - mean;
            s[i] = running;
        }

        var fluctuations = new List<double>();
        foreach (var tau in Taus)
        {
            if (n < tau)
            {
                break;
            }

            var jump = Math.Max(tau / 50, 1);
            double total = 0;
            for (var k = 0; k < n - tau; k += jump)
            {
                total += ResidualError(s.AsSpan(k, tau));
            }

            fluctuations.Add(n == tau ? 0 : Math.Sqrt(total / ((double)(n - tau) / jump)));
        }

        if (fluctuations.Count <= 1)
        {
            return null;
        }

        double alphaSum = 0;
        for (var i = 0; i < fluctuations.Count - 1; i++)
        {
            if (!(fluctuations[i + 1] > 0) || !(fluctuations[i] > 0))
            {
                return 0;
            }

            alphaSum += Math.Log10(fluctuations[i + 1] / fluctuations[i]) / Math.Log10((Taus[i + 1] + 3.0) / (Taus[i] + 3.0));
        }

        var alpha = alphaSum / (fluctuations.Count - 1);
        return alpha > 0 && double.IsFinite(alpha) ? 1.0 / alpha : 0;
    }

    // Mean squared residual of the least-squares line through the block.
    private static double ResidualError(ReadOnlySpan<double> y)
    {
        var size = y.Length;
        var meanX = (size - 1) * 0.5;
        double meanY = 0;
        foreach (var v in y)
        {
            meanY += v;
        }

        meanY /= size;
        double ssxx = 0, ssxy = 0, ssyy = 0;
        for (var i = 0; i < size; i++)
        {
            var dx = i - meanX;
            var dy = y[i] - meanY;
            ssxx += dx * dx;
            ssxy += dx * dy;
            ssyy += dy * dy;
        }

        return (ssyy - (ssxy * ssxy / ssxx)) / size;
    }

    private static int[] BuildTaus()
    {
        var taus = new List<int>();
        // Essentia accumulates tau in float; doing the same keeps the exact block lengths.
        for (var tau = (float)MinTauMs; tau <= MaxTauMs; tau *= (float)TauMultiplier)
        {
            taus.Add((int)(tau / 10.0f));
        }

        return [.. taus];
    }
}
