namespace Harmonie.Engines.Embeddings;

/// <summary>
/// Rhythm of a track from onset-strength envelopes (positive log-energy change per 16 ms frame) in three
/// registers — low (&lt; 0.5 kHz: kick, bass), mid (0.5–2.5 kHz) and high (&gt; 2.5 kHz: snare, hats). Each
/// envelope's autocorrelation over 8-second windows, averaged over the track, shows the beat period and
/// the metre; it is summarised in log-spaced lag bands, with the envelope's mean, spread and the
/// strongest beat-range periodicity. Only the last window of each envelope is held.
/// </summary>
internal sealed class RhythmStatistics
{
    public const int LagBands = 12;
    public const int FeaturesPerRegister = LagBands + 3;
    public const int FeatureCount = FeaturesPerRegister * 3;

    private const int Window = 512;
    private const int WindowHop = 128;
    private const int MinLag = 6;
    private const int MaxLag = 150;
    private const int BeatLagLow = 16;
    private const int BeatLagHigh = 94;

    private static readonly (int Low, int High)[] Registers = [(0, 16), (16, 60), (60, MusicnnMelFrontEnd.BandCount)];
    private static readonly int[] LagBandEdges = Enumerable.Range(0, LagBands + 1)
        .Select(i => (int)Math.Round(MinLag * Math.Pow((double)MaxLag / MinLag, (double)i / LagBands)))
        .ToArray();

    private readonly float[] _previous = new float[MusicnnMelFrontEnd.BandCount];
    private readonly float[][] _envelopes = [new float[Window], new float[Window], new float[Window]];
    private readonly double[][] _autocorrelation = [new double[MaxLag + 1], new double[MaxLag + 1], new double[MaxLag + 1]];
    private readonly double[] _fluxSum = new double[3];
    private readonly double[] _fluxSquares = new double[3];
    private readonly double[] _centred = new double[Window];
    private long _frames;
    private int _windows;

    public void Add(ReadOnlySpan<float> logEnergies)
    {
        var slot = (int)(_frames % Window);
        for (var r = 0; r < Registers.Length; r++)
        {
            var (low, high) = Registers[r];
            var flux = 0f;
            if (_frames > 0)
            {
                for (var b = low; b < high; b++)
                {
                    flux += Math.Max(0f, logEnergies[b] - _previous[b]);
                }

                flux /= high - low;
            }

            _envelopes[r][slot] = flux;
            _fluxSum[r] += flux;
            _fluxSquares[r] += flux * flux;
        }

        logEnergies.CopyTo(_previous);
        _frames++;
        if (_frames >= Window && (_frames - Window) % WindowHop == 0)
        {
            AccumulateWindow(Window);
        }
    }

    public void WriteFeatures(Span<float> features)
    {
        if (_windows == 0 && _frames > 1)
        {
            AccumulateWindow((int)Math.Min(_frames, Window)); // a short track: one window over all it has
        }

        var n = Math.Max(_frames, 1);
        var i = 0;
        for (var r = 0; r < Registers.Length; r++)
        {
            var acf = _autocorrelation[r];
            var w = Math.Max(_windows, 1);
            for (var band = 0; band < LagBands; band++)
            {
                double sum = 0;
                for (var lag = LagBandEdges[band]; lag < LagBandEdges[band + 1]; lag++)
                {
                    sum += acf[lag];
                }

                features[i++] = (float)(sum / (LagBandEdges[band + 1] - LagBandEdges[band]) / w);
            }

            var clarity = 0.0;
            for (var lag = BeatLagLow; lag <= BeatLagHigh; lag++)
            {
                clarity = Math.Max(clarity, acf[lag] / w);
            }

            var mean = _fluxSum[r] / n;
            features[i++] = (float)clarity;
            features[i++] = (float)mean;
            features[i++] = (float)Math.Sqrt(Math.Max(0, (_fluxSquares[r] / n) - (mean * mean)));
        }
    }

    /// <summary>Adds the normalised autocorrelation of the last <paramref name="length"/> envelope values.</summary>
    private void AccumulateWindow(int length)
    {
        for (var r = 0; r < Registers.Length; r++)
        {
            var envelope = _envelopes[r];
            var start = _frames - length;
            double mean = 0;
            for (var t = 0; t < length; t++)
            {
                _centred[t] = envelope[(int)((start + t) % Window)];
                mean += _centred[t];
            }

            mean /= length;
            double energy = 0;
            for (var t = 0; t < length; t++)
            {
                _centred[t] -= mean;
                energy += _centred[t] * _centred[t];
            }

            if (energy <= 1e-12)
            {
                continue; // no movement at all (silence): no periodicity to add
            }

            var acf = _autocorrelation[r];
            for (var lag = 0; lag <= MaxLag && lag < length; lag++)
            {
                double sum = 0;
                for (var t = 0; t + lag < length; t++)
                {
                    sum += _centred[t] * _centred[t + lag];
                }

                // Unbiased per lag, so short windows do not fake a decay.
                acf[lag] += sum / (length - lag) / (energy / length);
            }
        }

        _windows++;
    }
}
