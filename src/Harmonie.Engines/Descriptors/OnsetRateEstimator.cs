namespace Harmonie.Engines.Descriptors;

/// <summary>
/// Essentia's OnsetRate on the shared spectrum: high-frequency-content and complex-domain detection
/// functions per frame, each normalised to its maximum, summed, smoothed by a 5-frame moving average,
/// gated at 0.02 for silence and thresholded adaptively (median + 0.1·mean of the last 5 frames); an onset
/// is the first frame of a run of at least two above threshold. Two floats per frame are kept, the
/// normalisation needs the whole track's maximum.
/// </summary>
internal sealed class OnsetRateEstimator : ISpectralFrameConsumer
{
    private const int Delay = 5;
    private const float Alpha = 0.1f;
    private const float SilenceThreshold = 0.02f;

    private readonly List<float> _hfc = [];
    private readonly List<float> _complex = [];
    private readonly float[] _previousRe = new float[SpectralFrame.Bins];
    private readonly float[] _previousIm = new float[SpectralFrame.Bins];
    private readonly float[] _previousMagnitude = new float[SpectralFrame.Bins];
    private readonly float[] _previousUnitRe = new float[SpectralFrame.Bins];
    private readonly float[] _previousUnitIm = new float[SpectralFrame.Bins];
    private readonly float[] _olderUnitRe = new float[SpectralFrame.Bins];
    private readonly float[] _olderUnitIm = new float[SpectralFrame.Bins];

    public OnsetRateEstimator()
    {
        // Before the first frame Essentia's phases are zero: unit phasors pointing along the real axis.
        Array.Fill(_previousUnitRe, 1f);
        Array.Fill(_olderUnitRe, 1f);
    }

    public void Consume(SpectralFrame frame)
    {
        var magnitude = frame.Magnitude;
        var re = frame.Real;
        var im = frame.Imaginary;
        double hfc = 0;
        double complexDistance = 0;
        for (var k = 0; k < SpectralFrame.Bins; k++)
        {
            var m = magnitude[k];
            hfc += k * (double)m;

            // Predicted bin: previous magnitude at phase 2φ₁ − φ₂ (constant-frequency extrapolation).
            // As unit phasors: u₁·u₁·conj(u₂).
            var u1r = _previousUnitRe[k];
            var u1i = _previousUnitIm[k];
            var u2r = _olderUnitRe[k];
            var u2i = _olderUnitIm[k];
            var sqr = (u1r * u1r) - (u1i * u1i);
            var sqi = 2 * u1r * u1i;
            var tr = (sqr * u2r) + (sqi * u2i);
            var ti = (sqi * u2r) - (sqr * u2i);
            var pm = _previousMagnitude[k];
            var dr = (pm * tr) - re[k];
            var di = (pm * ti) - im[k];
            complexDistance += MathF.Sqrt((dr * dr) + (di * di));

            _olderUnitRe[k] = u1r;
            _olderUnitIm[k] = u1i;
            if (m > 0)
            {
                _previousUnitRe[k] = re[k] / m;
                _previousUnitIm[k] = im[k] / m;
            }
            else
            {
                _previousUnitRe[k] = 1f;
                _previousUnitIm[k] = 0f;
            }

            _previousMagnitude[k] = m;
        }

        _hfc.Add((float)hfc);
        _complex.Add((float)complexDistance);
    }

    /// <summary>Onsets per second of <paramref name="durationSeconds"/>; null for an empty track.</summary>
    public double? Complete(double durationSeconds)
    {
        var n = _hfc.Count;
        if (n == 0 || !(durationSeconds > 0))
        {
            return null;
        }

        var hfcMax = Max(_hfc);
        var complexMax = Max(_complex);
        var detection = new float[n];
        for (var i = 0; i < n; i++)
        {
            detection[i] = (hfcMax > 0 ? _hfc[i] / hfcMax : 0) + (complexMax > 0 ? _complex[i] / complexMax : 0);
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
