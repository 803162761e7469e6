namespace Harmonie.Engines.Embeddings;

/// <summary>
/// What the attacks sound like: at every onset (a local maximum of the broadband log-energy rise) the
/// rise per mel band, averaged over the track in 16 groups and reported as shares of the total. Drums
/// and plucked notes dominate attacks, so this tells one drum kit (808 kick, brushes, rock snare, hats)
/// from another in a way the average spectrum cannot. Holds a 7-frame ring.
/// </summary>
internal sealed class AttackSpectrumStatistics
{
    public const int Groups = 16;
    public const int FeatureCount = Groups;

    private const int Bands = MusicnnMelFrontEnd.BandCount;
    private const int Width = Bands / Groups;
    private const int HalfWidth = 3;
    private const int Ring = (2 * HalfWidth) + 1;

    private readonly float[] _previous = new float[Bands];
    private readonly float[][] _rises = Enumerable.Range(0, Ring).Select(_ => new float[Groups]).ToArray();
    private readonly float[] _flux = new float[Ring];
    private readonly double[] _attackSum = new double[Groups];
    private double _fluxSum;
    private long _frames;
    private long _onsets;

    public static IEnumerable<string> FeatureNames => Enumerable.Range(0, Groups).Select(g => $"attack.band{g}.share");

    /// <param name="logEnergies">ln of the mel energies of one frame (plus a fixed floor).</param>
    public void Add(ReadOnlySpan<float> logEnergies)
    {
        var slot = (int)(_frames % Ring);
        var rises = _rises[slot];
        var flux = 0f;
        for (var g = 0; g < Groups; g++)
        {
            var sum = 0f;
            for (var b = g * Width; b < (g + 1) * Width; b++)
            {
                sum += _frames > 0 ? Math.Max(0f, logEnergies[b] - _previous[b]) : 0f;
            }

            rises[g] = sum / Width;
            flux += rises[g];
        }

        logEnergies.CopyTo(_previous);
        _flux[slot] = flux / Groups;
        _fluxSum += _flux[slot];
        _frames++;
        if (_frames >= Ring)
        {
            Inspect(_frames - 1 - HalfWidth);
        }
    }

    public void WriteFeatures(Span<float> features)
    {
        var total = _attackSum.Sum();
        for (var g = 0; g < Groups; g++)
        {
            features[g] = total > 0 ? (float)(_attackSum[g] / total) : 1f / Groups;
        }
    }

    private void Inspect(long t)
    {
        var flux = _flux[(int)(t % Ring)];

        // Well above the track's average rise so far, and the largest within ±48 ms.
        if (flux <= 1.5 * _fluxSum / _frames || flux <= 1e-3)
        {
            return;
        }

        for (var d = 1; d <= HalfWidth; d++)
        {
            if (_flux[(int)((t - d) % Ring)] >= flux || _flux[(int)((t + d) % Ring)] > flux)
            {
                return;
            }
        }

        _onsets++;
        var rises = _rises[(int)(t % Ring)];
        for (var g = 0; g < Groups; g++)
        {
            _attackSum[g] += rises[g];
        }
    }
}
