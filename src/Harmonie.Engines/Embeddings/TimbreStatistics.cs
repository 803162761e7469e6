namespace Harmonie.Engines.Embeddings;

/// <summary>
/// Timbre of a track from its mel frames: mean and spread of the cepstrum (the spectral envelope without
/// overall level) and how fast it changes over 32 ms, the spectral centroid and flatness, and how much the
/// level moves. Computed from
/// natural-log mel energies so a quieter copy of the same music gives the same values.
/// </summary>
internal sealed class TimbreStatistics
{
    public const int CepstralCoefficients = 20;
    public const int DeltaCoefficients = 12;
    public const int FeatureCount = (CepstralCoefficients * 2) + DeltaCoefficients + 6;

    private const int Bands = MusicnnMelFrontEnd.BandCount;
    private const double LevelHistogramLow = -20;
    private const double LevelHistogramStep = 0.1;
    private const int LevelHistogramBins = 300;

    // DCT-II rows 1..20 (row 0 would be the overall level, deliberately left out).
    private static readonly float[][] Dct = Enumerable.Range(1, CepstralCoefficients)
        .Select(k => Enumerable.Range(0, Bands).Select(b => (float)Math.Cos(Math.PI * k * (b + 0.5) / Bands)).ToArray())
        .ToArray();

    private readonly double[] _cepstrumSum = new double[CepstralCoefficients];
    private readonly double[] _cepstrumSquares = new double[CepstralCoefficients];
    private readonly double[] _deltaSquares = new double[DeltaCoefficients];
    private readonly float[] _cepstrum = new float[CepstralCoefficients];
    private readonly float[][] _previousCepstra = [new float[DeltaCoefficients], new float[DeltaCoefficients]];
    private readonly long[] _levels = new long[LevelHistogramBins];
    private double _centroidSum;
    private double _centroidSquares;
    private double _flatnessSum;
    private double _flatnessSquares;
    private double _levelSum;
    private double _levelSquares;
    private long _frames;

    /// <param name="logEnergies">ln of the mel energies (plus a tiny floor).</param>
    /// <param name="energies">The linear mel energies.</param>
    public void Add(ReadOnlySpan<float> logEnergies, ReadOnlySpan<float> energies)
    {
        var level = 0.0;
        for (var b = 0; b < Bands; b++)
        {
            level += logEnergies[b];
        }

        level /= Bands;
        double total = 0, weighted = 0;
        for (var b = 0; b < Bands; b++)
        {
            total += energies[b];
            weighted += b * (double)energies[b];
        }

        if (total <= 1e-9)
        {
            return; // digital silence says nothing about timbre
        }

        _frames++;
        for (var k = 0; k < CepstralCoefficients; k++)
        {
            var row = Dct[k];
            var c = 0f;
            for (var b = 0; b < Bands; b++)
            {
                c += row[b] * logEnergies[b];
            }

            c /= Bands;
            _cepstrum[k] = c;
            _cepstrumSum[k] += c;
            _cepstrumSquares[k] += c * c;
        }

        // Timbre movement: how fast the envelope changes over 32 ms (note changes, drum hits, vibrato).
        var older = _previousCepstra[(int)(_frames % 2)];
        for (var k = 0; k < DeltaCoefficients; k++)
        {
            if (_frames > 2)
            {
                var delta = _cepstrum[k] - older[k];
                _deltaSquares[k] += delta * delta;
            }

            older[k] = _cepstrum[k];
        }

        var centroid = weighted / total / Bands;
        _centroidSum += centroid;
        _centroidSquares += centroid * centroid;
        var flatness = Math.Exp(level) / (total / Bands);
        _flatnessSum += flatness;
        _flatnessSquares += flatness * flatness;
        _levelSum += level;
        _levelSquares += level * level;
        var bin = (int)Math.Clamp((level - LevelHistogramLow) / LevelHistogramStep, 0, LevelHistogramBins - 1);
        _levels[bin]++;
    }

    public void WriteFeatures(Span<float> features)
    {
        var n = Math.Max(_frames, 1);
        var i = 0;
        for (var k = 0; k < CepstralCoefficients; k++)
        {
            features[i++] = (float)(_cepstrumSum[k] / n);
            features[i++] = StandardDeviation(_cepstrumSum[k], _cepstrumSquares[k], n);
        }

        for (var k = 0; k < DeltaCoefficients; k++)
        {
            features[i++] = (float)Math.Sqrt(_deltaSquares[k] / Math.Max(n - 2, 1));
        }

        features[i++] = (float)(_centroidSum / n);
        features[i++] = StandardDeviation(_centroidSum, _centroidSquares, n);
        features[i++] = (float)(_flatnessSum / n);
        features[i++] = StandardDeviation(_flatnessSum, _flatnessSquares, n);
        features[i++] = StandardDeviation(_levelSum, _levelSquares, n);
        features[i++] = (float)((LevelPercentile(0.95) - LevelPercentile(0.10)) * LevelHistogramStep);
    }

    public static IEnumerable<string> FeatureNames =>
        Enumerable.Range(1, CepstralCoefficients).SelectMany(k => new[] { $"timbre.cepstrum{k}.mean", $"timbre.cepstrum{k}.std" })
            .Concat(Enumerable.Range(1, DeltaCoefficients).Select(k => $"timbre.cepstrum{k}.delta"))
            .Concat(["timbre.centroid.mean", "timbre.centroid.std", "timbre.flatness.mean", "timbre.flatness.std", "timbre.level.std", "timbre.level.range"]);

    private static float StandardDeviation(double sum, double squares, long n) =>
        (float)Math.Sqrt(Math.Max(0, (squares / n) - ((sum / n) * (sum / n))));

    private int LevelPercentile(double fraction)
    {
        var target = fraction * _frames;
        long seen = 0;
        for (var bin = 0; bin < LevelHistogramBins; bin++)
        {
            seen += _levels[bin];
            if (seen >= target && seen > 0)
            {
                return bin;
            }
        }

        return 0;
    }
}
