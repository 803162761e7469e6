namespace Harmonie.Engines.Descriptors;

/// <summary>
/// The two onset detection functions of Essentia's OnsetRate, one value each per shared spectral frame:
/// high-frequency content (Σ k·|X_k|, percussive attacks) and the complex-domain distance between each bin
/// and its constant-frequency prediction from the previous two frames (tonal and percussive onsets). Both
/// the onset rate and the tempo read them; two floats per frame are kept.
/// </summary>
internal sealed class OnsetDetectionFunctions : ISpectralFrameConsumer
{
    private readonly float[] _previousMagnitude = new float[SpectralFrame.Bins];
    private readonly float[] _previousUnitRe = new float[SpectralFrame.Bins];
    private readonly float[] _previousUnitIm = new float[SpectralFrame.Bins];
    private readonly float[] _olderUnitRe = new float[SpectralFrame.Bins];
    private readonly float[] _olderUnitIm = new float[SpectralFrame.Bins];

    public List<float> Hfc { get; } = [];

    public List<float> ComplexDomain { get; } = [];

    public int Count => Hfc.Count;

    public OnsetDetectionFunctions()
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

        Hfc.Add((float)hfc);
        ComplexDomain.Add((float)complexDistance);
    }

}
