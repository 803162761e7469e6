namespace Harmonie.Engines.Embeddings;

/// <summary>
/// How notes start and die away, per register (&lt; 0.5, 0.5–1, 1–2.5, &gt; 2.5 kHz): at every onset (a local
/// maximum of the register's log-energy rise) the rise itself and how far the energy has fallen 48, 96,
/// 192 and 384 ms later, plus the onset rate. Piano, plucked strings and drums decay; pads, organs and
/// bowed strings sustain — the instrument cue that mean spectra blur. Holds a 32-frame ring per register.
/// </summary>
internal sealed class NoteEnvelopeStatistics
{
    public const int Registers = 6;
    public const int FeaturesPerRegister = 2 + 4;
    public const int FeatureCount = Registers * FeaturesPerRegister;

    private const float Floor = 1e-10f;
    private const int Ring = 32;
    private const int Lookahead = 24;
    private const int PeakHalfWidth = 3;
    private const float MinimumRise = 0.5f; // nat of energy per 16 ms frame (≈ 2 dB): smaller moves are not notes

    private static readonly int[] RegisterEdges = [0, 8, 16, 32, 60, 81, MusicnnMelFrontEnd.BandCount];
    private static readonly int[] DecayLags = [3, 6, 12, 24];

    private readonly float[][] _levels = Enumerable.Range(0, Registers).Select(_ => new float[Ring]).ToArray();
    private readonly long[] _onsets = new long[Registers];
    private readonly double[] _riseSum = new double[Registers];
    private readonly double[][] _decaySum = Enumerable.Range(0, Registers).Select(_ => new double[DecayLags.Length]).ToArray();
    private long _frames;

    public static IEnumerable<string> FeatureNames =>
        new[] { "bass", "low", "lowmid", "mid", "high", "air" }.SelectMany(r => new[] { $"envelope.{r}.onset-rate", $"envelope.{r}.attack" }
            .Concat(DecayLags.Select(lag => $"envelope.{r}.decay{lag * 16}ms")));

    /// <param name="energies">The linear mel energies of one frame.</param>
    public void Add(ReadOnlySpan<float> energies)
    {
        var slot = (int)(_frames % Ring);
        for (var r = 0; r < Registers; r++)
        {
            var sum = 0f;
            for (var b = RegisterEdges[r]; b < RegisterEdges[r + 1]; b++)
            {
                sum += energies[b];
            }

            _levels[r][slot] = MathF.Log((sum / (RegisterEdges[r + 1] - RegisterEdges[r])) + Floor);
        }

        _frames++;
        var candidate = _frames - 1 - Lookahead;
        if (candidate >= PeakHalfWidth + 1)
        {
            for (var r = 0; r < Registers; r++)
            {
                Inspect(r, candidate);
            }
        }
    }

    public void WriteFeatures(Span<float> features)
    {
        var seconds = Math.Max(_frames, 1) * MusicnnMelFrontEnd.HopSize / (double)MusicnnMelFrontEnd.SampleRate;
        var i = 0;
        for (var r = 0; r < Registers; r++)
        {
            var n = Math.Max(_onsets[r], 1);
            features[i++] = (float)(_onsets[r] / seconds);
            features[i++] = (float)(_riseSum[r] / n);
            for (var k = 0; k < DecayLags.Length; k++)
            {
                features[i++] = (float)(_decaySum[r][k] / n);
            }
        }
    }

    private float Level(int register, long frame) => _levels[register][(int)(frame % Ring)];

    private float Rise(int register, long frame) => Level(register, frame) - Level(register, frame - 1);

    private void Inspect(int r, long t)
    {
        var rise = Rise(r, t);
        if (rise < MinimumRise)
        {
            return;
        }

        for (var d = 1; d <= PeakHalfWidth; d++)
        {
            if (Rise(r, t - d) >= rise || Rise(r, t + d) > rise)
            {
                return; // not the steepest point of this attack
            }
        }

        // The peak may come a frame after the steepest rise.
        var peak = Math.Max(Level(r, t), Level(r, t + 1));
        _onsets[r]++;
        _riseSum[r] += rise;
        for (var k = 0; k < DecayLags.Length; k++)
        {
            _decaySum[r][k] += Level(r, t + DecayLags[k]) - peak;
        }
    }
}
