namespace Harmonie.Engines.Embeddings;

/// <summary>
/// Timbre of a track from its mel frames: mean and spread of the cepstrum (the spectral envelope without
/// overall level), of the spectral centroid and flatness, and how much the level moves. Computed from
/// natural-log mel energies so a quieter copy of the same music gives the same values.
/// </summary>
internal sealed class TimbreStatistics
{
    public const int CepstralCoefficients = 20;
    public const int BandGroups = 12;
    public const int FeatureCount = (CepstralCoefficients * 2) + 6 + (BandGroups * 3);

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
    private readonly long[] _levels = new long[LevelHistogramBins];
    private readonly double[] _groupSum = new double[BandGroups];
    private readonly double[] _groupSquares = new double[BandGroups];
    private readonly double[] _groupRise = new double[BandGroups];
    private readonly double[] _groupPrevious = new double[BandGroups];
    private readonly double[] _groupLevelSum = new double[BandGroups];
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
            _cepstrumSum[k] += c;
            _cepstrumSquares[k] += c * c;
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

        // Per register (8 mel bands each): its level relative to the whole frame, how much it moves, and
        // how much it rises from frame to frame — sustained pads, plucked strings and drums differ here.
        const int width = Bands / BandGroups;
        for (var g = 0; g < BandGroups; g++)
        {
            double groupLevel = 0;
            for (var b = g * width; b < (g + 1) * width; b++)
            {
                groupLevel += logEnergies[b];
            }

            groupLevel /= width;
            var relative = groupLevel - level;
            _groupSum[g] += relative;
            _groupSquares[g] += groupLevel * groupLevel;
            if (_frames > 1)
            {
                _groupRise[g] += Math.Max(0, groupLevel - _groupPrevious[g]);
            }

            _groupPrevious[g] = groupLevel;
            _groupLevelSum[g] += groupLevel;
        }
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

        features[i++] = (float)(_centroidSum / n);
        features[i++] = StandardDeviation(_centroidSum, _centroidSquares, n);
        features[i++] = (float)(_flatnessSum / n);
        features[i++] = StandardDeviation(_flatnessSum, _flatnessSquares, n);
        features[i++] = StandardDeviation(_levelSum, _levelSquares, n);
        features[i++] = (float)((LevelPercentile(0.95) - LevelPercentile(0.10)) * LevelHistogramStep);
        for (var g = 0; g < BandGroups; g++)
        {
            features[i++] = (float)(_groupSum[g] / n);
            features[i++] = StandardDeviation(_groupLevelSum[g], _groupSquares[g], n);
            features[i++] = (float)(_groupRise[g] / n);
        }
    }

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
