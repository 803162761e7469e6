namespace Harmonie.Engines.Dsp;

/// <summary>
/// Triangular mel filterbank on Slaney's mel scale (linear below 1 kHz, logarithmic above), with each
/// triangle scaled to unit area — Essentia's <c>MelBands(warpingFormula=slaneyMel, normalization=unit_tri)</c>.
/// Stored sparsely (each band touches only a few bins), so applying it costs about two multiply-adds per bin.
/// </summary>
public sealed class SlaneyMelFilterbank
{
    private const double LinearHzPerMel = 200.0 / 3.0;
    private const double LogStartHz = 1000.0;
    private const double LogStartMel = LogStartHz / LinearHzPerMel;
    private static readonly double LogStep = Math.Log(6.4) / 27.0;

    private readonly int[] _firstBin;
    private readonly float[][] _weights;

    /// <param name="bandCount">Number of mel bands.</param>
    /// <param name="binCount">Spectrum bins (FFT size / 2 + 1).</param>
    /// <param name="sampleRate">Sample rate of the analysed signal, in Hz.</param>
    /// <param name="lowHz">Lower edge of the first band.</param>
    /// <param name="highHz">Upper edge of the last band.</param>
    public SlaneyMelFilterbank(int bandCount, int binCount, double sampleRate, double lowHz, double highHz)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bandCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(binCount, 2);
        BandCount = bandCount;
        BinCount = binCount;
        var lowMel = HzToMel(lowHz);
        var highMel = HzToMel(highHz);
        var edges = new double[bandCount + 2];
        for (var i = 0; i < edges.Length; i++)
        {
            edges[i] = MelToHz(lowMel + ((highMel - lowMel) * i / (bandCount + 1)));
        }

        var binHz = sampleRate / (2.0 * (binCount - 1));
        _firstBin = new int[bandCount];
        _weights = new float[bandCount][];
        var row = new List<float>();
        for (var band = 0; band < bandCount; band++)
        {
            double lo = edges[band], center = edges[band + 1], hi = edges[band + 2];
            var scale = 2.0 / (hi - lo);
            row.Clear();
            var first = -1;
            for (var bin = 0; bin < binCount; bin++)
            {
                var f = bin * binHz;
                double weight = 0;
                if (f > lo && f <= center)
                {
                    weight = (f - lo) / (center - lo);
                }
                else if (f > center && f < hi)
                {
                    weight = (hi - f) / (hi - center);
                }

                if (weight <= 0)
                {
                    if (first >= 0)
                    {
                        break;
                    }

                    continue;
                }

                if (first < 0)
                {
                    first = bin;
                }

                row.Add((float)(weight * scale));
            }

            _firstBin[band] = Math.Max(first, 0);
            _weights[band] = [.. row];
        }
    }

    public int BandCount { get; }

    public int BinCount { get; }

    public static double HzToMel(double hz) =>
        hz < LogStartHz ? hz / LinearHzPerMel : LogStartMel + (Math.Log(hz / LogStartHz) / LogStep);

    public static double MelToHz(double mel) =>
        mel < LogStartMel ? mel * LinearHzPerMel : LogStartHz * Math.Exp(LogStep * (mel - LogStartMel));

    /// <summary>Band energies: the spectrum (power or magnitude, as given) weighted by each triangle.</summary>
    public void Apply(ReadOnlySpan<float> spectrum, Span<float> bands)
    {
        if (spectrum.Length < BinCount || bands.Length < BandCount)
        {
            throw new ArgumentException("Buffer sizes do not match the filterbank.");
        }

        for (var band = 0; band < BandCount; band++)
        {
            var weights = _weights[band];
            var bins = spectrum.Slice(_firstBin[band], weights.Length);
            var sum = 0f;
            for (var i = 0; i < weights.Length; i++)
            {
                sum += weights[i] * bins[i];
            }

            bands[band] = sum;
        }
    }

    /// <summary>The weights as a dense band × bin matrix (for checks against a reference).</summary>
    public float[,] ToDense()
    {
        var dense = new float[BandCount, BinCount];
        for (var band = 0; band < BandCount; band++)
        {
            for (var i = 0; i < _weights[band].Length; i++)
            {
                dense[band, _firstBin[band] + i] = _weights[band][i];
            }
        }

        return dense;
    }
}
