namespace Harmonie.Engines.Dsp;

/// <summary>
/// The ReplayGain equal-loudness filter at 44.1 kHz: a 10th-order Yule-Walk approximation of the inverted
/// equal-loudness contour followed by a 2nd-order Butterworth high-pass at 150 Hz. Coefficients are the
/// ReplayGain proposal's (the ones Essentia's EqualLoudness uses), so gains agree with the original.
/// </summary>
public sealed class EqualLoudnessFilter
{
    private static readonly double[] YuleB =
    [
        0.05418656406430, -0.02911007808948, -0.00848709379851, -0.00851165645469, -0.00834990904936,
        0.02245293253339, -0.02596338512915, 0.01624864962975, -0.00240879051584, 0.00674613682247,
        -0.00187763777362,
    ];

    private static readonly double[] YuleA =
    [
        1.00000000000000, -3.47845948550071, 6.36317777566148, -8.54751527471874, 9.47693607801280,
        -8.81498681370155, 6.85401540936998, -4.39470996079559, 2.19611684890774, -0.75104302451432,
        0.13149317958808,
    ];

    private static readonly double[] ButterB = [0.98500175787242, -1.97000351574484, 0.98500175787242];

    private static readonly double[] ButterA = [1.00000000000000, -1.96977855582618, 0.97022847566350];

    private readonly IirFilter _yuleWalk = new(YuleB, YuleA);
    private readonly IirFilter _butterworth = new(ButterB, ButterA);

    /// <summary>Filters in place; the signal must be 44.1 kHz.</summary>
    public void Process(Span<double> samples)
    {
        _yuleWalk.Process(samples, samples);
        _butterworth.Process(samples, samples);
    }
}
