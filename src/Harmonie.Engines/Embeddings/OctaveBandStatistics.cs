namespace Harmonie.Engines.Embeddings;

/// <summary>
/// Per octave of the 16 kHz power spectrum (0–200–400–800–1600–3200–8000 Hz): spectral flatness (geometric
/// over arithmetic mean — near 1 for noise, cymbals and distortion, near 0 for clean tones) and the band's
/// level relative to the whole frame, each as mean and spread over the track. A cheap stand-in for
/// spectral contrast: it tells tonal from noisy texture in each register, which the mel envelope blurs.
/// </summary>
internal sealed class OctaveBandStatistics
{
    public const int Bands = 6;
    public const int FeatureCount = Bands * 4;

    private const float Floor = 1e-12f;

    // Octave edges in bins of the 512-point spectrum (31.25 Hz each).
    private static readonly int[] Edges = [1, 7, 13, 26, 52, 103, 257];

    private readonly double[] _flatnessSum = new double[Bands];
    private readonly double[] _flatnessSquares = new double[Bands];
    private readonly double[] _levelSum = new double[Bands];
    private readonly double[] _levelSquares = new double[Bands];
    private long _frames;

    public void Add(ReadOnlySpan<float> power)
    {
        double total = 0;
        for (var k = Edges[0]; k < Edges[^1]; k++)
        {
            total += power[k];
        }

        if (total <= 1e-9)
        {
            return; // digital silence
        }

        var frameLevel = Math.Log((total / (Edges[^1] - Edges[0])) + Floor);
        _frames++;
        for (var band = 0; band < Bands; band++)
        {
            var bins = power[Edges[band]..Edges[band + 1]];
            float sum = 0, logSum = 0;
            foreach (var p in bins)
            {
                sum += p;
                logSum += MathF.Log(p + Floor);
            }

            var logMean = Math.Log((sum / bins.Length) + Floor);
            var flatness = Math.Exp((logSum / bins.Length) - logMean);
            var level = logMean - frameLevel;
            _flatnessSum[band] += flatness;
            _flatnessSquares[band] += flatness * flatness;
            _levelSum[band] += level;
            _levelSquares[band] += level * level;
        }
    }

    public void WriteFeatures(Span<float> features)
    {
        var n = Math.Max(_frames, 1);
        var i = 0;
        for (var band = 0; band < Bands; band++)
        {
            features[i++] = (float)(_flatnessSum[band] / n);
            features[i++] = StandardDeviation(_flatnessSum[band], _flatnessSquares[band], n);
            features[i++] = (float)(_levelSum[band] / n);
            features[i++] = StandardDeviation(_levelSum[band], _levelSquares[band], n);
        }
    }

    public static IEnumerable<string> FeatureNames =>
        Enumerable.Range(0, Bands).SelectMany(b => new[] { $"timbre.octave{b}.flatness.mean", $"timbre.octave{b}.flatness.std", $"timbre.octave{b}.level.mean", $"timbre.octave{b}.level.std" });

    private static float StandardDeviation(double sum, double squares, long n) =>
        (float)Math.Sqrt(Math.Max(0, (squares / n) - ((sum / n) * (sum / n))));
}
