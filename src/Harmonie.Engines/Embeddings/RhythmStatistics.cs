using System.Globalization;

namespace Harmonie.Engines.Embeddings;

/// <summary>
/// Rhythm of a track from onset-strength envelopes (positive log-energy change per 16 ms frame) in three
/// registers — low (&lt; 0.5 kHz: kick, bass), mid (0.5–2.5 kHz) and high (&gt; 2.5 kHz: snare, hats). Each
/// envelope's autocorrelation over 8-second windows, averaged over the track, shows the beat period and
/// the metre; it is summarised in log-spaced lag bands, with the envelope's mean, spread and the
/// strongest beat-range periodicity; then read at subdivisions and bar lengths of the estimated beat
/// (metre, swing), and the tempo as a position within its octave so half- and double-time estimates agree.
/// Only the last window of each envelope is held.
/// </summary>
internal sealed class RhythmStatistics
{
    public const int LagBands = 12;
    public const int FeaturesPerRegister = LagBands + 3;

    /// <summary>Beat multiples at which each register's periodicity is read: subdivisions (straight, triplet/swing) and bars (duple, triple).</summary>
    public static readonly double[] BeatMultiples = [1.0 / 3, 0.5, 2.0 / 3, 1, 1.5, 2, 3, 4];

    public const int FeatureCount = (FeaturesPerRegister * 3) + (8 * 3) + 3;

    private const int Window = 512;
    private const int WindowHop = 128;
    private const int MinLag = 6;
    private const int MaxLag = 260;
    private const double FramesPerSecond = MusicnnMelFrontEnd.SampleRate / (double)MusicnnMelFrontEnd.HopSize;
    private const int BeatLagLow = 16;
    private const int BeatLagHigh = 94;
    private const int TempoLagLow = 18;
    private const int TempoLagHigh = 63;

    private static readonly (int Low, int High)[] Registers = [(0, 16), (16, 60), (60, MusicnnMelFrontEnd.BandCount)];
    private static readonly int[] LagBandEdges = Enumerable.Range(0, LagBands + 1)
        .Select(i => (int)Math.Round(MinLag * Math.Pow(150.0 / MinLag, (double)i / LagBands)))
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

        // Beat-relative periodicity: the beat period from all registers together, then how strongly each
        // register repeats at subdivisions and bar lengths of it (metre and feel, independent of tempo).
        var beat = BeatPeriod();
        for (var r = 0; r < Registers.Length; r++)
        {
            foreach (var multiple in BeatMultiples)
            {
                features[i++] = (float)(PeakNear(_autocorrelation[r], beat * multiple) / Math.Max(_windows, 1));
            }
        }

        var combined = Enumerable.Range(0, MaxLag + 1).Select(lag => _autocorrelation.Sum(a => a[lag])).ToArray();
        // Tempo as a position within the octave: 75 and 150 BPM coincide, so a half- or double-time
        // estimate does not move the track.
        var octave = 2 * Math.PI * Math.Log2(FramesPerSecond * 60 / beat / 120);
        features[i++] = (float)Math.Cos(octave);
        features[i++] = (float)Math.Sin(octave);
        features[i] = (float)(PeakNear(combined, beat) / 3 / Math.Max(_windows, 1));
    }

    public static IEnumerable<string> FeatureNames =>
        RegisterNames.SelectMany(r => Enumerable.Range(0, LagBands).Select(b => $"rhythm.{r}.acf{b}").Concat([$"rhythm.{r}.pulse", $"rhythm.{r}.flux.mean", $"rhythm.{r}.flux.std"]))
            .Concat(RegisterNames.SelectMany(r => BeatMultiples.Select(m => $"rhythm.{r}.beat×" + m.ToString("0.##", CultureInfo.InvariantCulture))))
            .Concat(["rhythm.tempo.cos", "rhythm.tempo.sin", "rhythm.beat.strength"]);

    private static string[] RegisterNames => ["low", "mid", "high"];

    /// <summary>The beat period in frames: the strongest combined periodicity between 60 and 210 BPM, weighted towards 120 BPM.</summary>
    private double BeatPeriod()
    {
        var best = 31.25;
        var bestScore = double.NegativeInfinity;
        for (var lag = TempoLagLow; lag <= TempoLagHigh; lag++)
        {
            var strength = _autocorrelation.Sum(a => a[lag]);
            var octaves = Math.Log2(lag / 31.25);
            var score = strength * Math.Exp(-0.5 * octaves * octaves / (0.9 * 0.9));
            if (score > bestScore)
            {
                (best, bestScore) = (lag, score);
            }
        }

        // An integer lag is up to 3 % off the true period, enough to miss the peak four beats later;
        // refine it from the peak nearest to four (or two) beats.
        var multiple = best * 4 <= MaxLag - 3 ? 4 : 2;
        var refined = best * multiple;
        var refinedScore = double.NegativeInfinity;
        for (var lag = (int)(best * multiple) - 3; lag <= (int)(best * multiple) + 3; lag++)
        {
            var strength = _autocorrelation.Sum(a => a[lag]);
            if (strength > refinedScore)
            {
                (refined, refinedScore) = (lag, strength);
            }
        }

        return refined / multiple;
    }

    /// <summary>The largest value within a small tolerance of a fractional lag (quantised onsets give sharp peaks).</summary>
    private static double PeakNear(double[] values, double position)
    {
        var tolerance = Math.Max(1.5, 0.03 * position);
        var low = Math.Max(0, (int)Math.Ceiling(position - tolerance));
        var high = Math.Min(values.Length - 1, (int)Math.Floor(position + tolerance));
        var peak = double.NegativeInfinity;
        for (var lag = low; lag <= high; lag++)
        {
            peak = Math.Max(peak, values[lag]);
        }

        return low > high ? 0 : peak;
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
