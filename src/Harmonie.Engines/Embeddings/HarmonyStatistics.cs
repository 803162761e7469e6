using Harmonie.Engines.Audio;
using Harmonie.Engines.Dsp;

namespace Harmonie.Engines.Embeddings;

/// <summary>
/// Harmony of a track from 12-bin chroma (100 Hz–4 kHz, 256 ms frames of the 16 kHz signal), made
/// independent of the key: the mean chroma sorted by strength (how many pitch classes the music uses:
/// pentatonic, diatonic, chromatic), major-versus-minor and key clarity (Krumhansl–Kessler profiles),
/// how concentrated each frame's pitch content is, how fast it changes, and the interval content (how
/// much energy lies 1…6 semitones apart: fifths for power chords, seconds and sevenths for jazz voicings),
/// how often each chord type sounds (triads, sevenths, sus4, bare fifths, no chord) and how far the chord
/// root moves when it changes — the harmonic vocabulary of a style, whatever its key.
/// </summary>
internal sealed class HarmonyStatistics : IPcmSink
{
    public const int ChordTypes = 8;
    public const int FeatureCount = 12 + 2 + 2 + 1 + 6 + (ChordTypes + 1) + 6;

    private const int FrameSize = 4096;
    private const int HopSize = 4096;
    private const double LowHz = 100;
    private const double HighHz = 4000;

    private static readonly double[] MajorProfile = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88];
    private static readonly double[] MinorProfile = [6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17];
    // Chord vocabulary as pitch-class sets above the root: triads, sevenths, suspended and bare fifths.
    private static readonly (string Name, int[] Notes)[] ChordTemplates =
    [
        ("major", [0, 4, 7]), ("minor", [0, 3, 7]), ("dominant7", [0, 4, 7, 10]), ("major7", [0, 4, 7, 11]),
        ("minor7", [0, 3, 7, 10]), ("diminished", [0, 3, 6]), ("sus4", [0, 5, 7]), ("fifth", [0, 7]),
    ];

    // Below this cosine to every template the frame counts as "no chord" (a single line, noise, clusters).
    private const double ChordMatch = 0.75;

    private static readonly float[] Window = WindowFunctions.SymmetricHann(FrameSize);
    private static readonly (int Bin, int Lower, float UpperWeight)[] BinMap = BuildBinMap();

    private readonly RealFft _fft = new(FrameSize);
    private readonly float[] _buffer = new float[FrameSize];
    private readonly float[] _windowed = new float[FrameSize];
    private readonly float[] _magnitude = new float[(FrameSize / 2) + 1];
    private readonly double[] _chroma = new double[12];
    private readonly double[] _previous = new double[12];
    private readonly double[] _chromaSum = new double[12];
    private readonly double[] _intervalSum = new double[6];
    private readonly double[] _chordTypes = new double[ChordTypes + 1];
    private readonly double[] _rootMotion = new double[6];
    private int _previousRoot = -1;
    private int _buffered;
    private double _entropySum;
    private double _entropySquares;
    private double _changeSum;
    private long _frames;
    private long _changes;

    public void Write(ReadOnlySpan<float> samples)
    {
        while (!samples.IsEmpty)
        {
            var take = Math.Min(FrameSize - _buffered, samples.Length);
            samples[..take].CopyTo(_buffer.AsSpan(_buffered));
            _buffered += take;
            samples = samples[take..];
            if (_buffered == FrameSize)
            {
                AnalyseFrame();
                _buffer.AsSpan(HopSize).CopyTo(_buffer);
                _buffered = FrameSize - HopSize;
            }
        }
    }

    public void WriteFeatures(Span<float> features)
    {
        if (_frames == 0 && _buffered > FrameSize / 8)
        {
            _buffer.AsSpan(_buffered).Clear(); // a very short track: analyse what there is
            AnalyseFrame();
        }

        var n = Math.Max(_frames, 1);
        var mean = _chromaSum.Select(s => s / n).ToArray();
        var (_, majorScore, minorScore) = EstimateKey(mean);
        var i = 0;
        foreach (var share in mean.OrderDescending())
        {
            features[i++] = (float)share;
        }

        features[i++] = (float)(majorScore - minorScore);
        features[i++] = (float)Math.Max(majorScore, minorScore);
        var entropy = _entropySum / n;
        features[i++] = (float)entropy;
        features[i++] = (float)Math.Sqrt(Math.Max(0, (_entropySquares / n) - (entropy * entropy)));
        features[i++] = (float)(_changeSum / Math.Max(_changes, 1));
        for (var interval = 0; interval < 6; interval++)
        {
            features[i++] = (float)(_intervalSum[interval] / n);
        }

        foreach (var count in _chordTypes)
        {
            features[i++] = (float)(count / n);
        }

        var motions = Math.Max(_rootMotion.Sum(), 1);
        foreach (var count in _rootMotion)
        {
            features[i++] = (float)(count / motions);
        }
    }

    public static IEnumerable<string> FeatureNames =>
        Enumerable.Range(1, 12).Select(k => $"harmony.chroma.rank{k}")
            .Concat(["harmony.major-minor", "harmony.key-clarity", "harmony.entropy.mean", "harmony.entropy.std", "harmony.change"])
            .Concat(Enumerable.Range(1, 6).Select(k => $"harmony.interval{k}"))
            .Concat(ChordTemplates.Select(c => $"harmony.chord.{c.Name}")).Append("harmony.chord.none")
            .Concat(Enumerable.Range(1, 6).Select(k => $"harmony.root-motion{k}"));

    /// <summary>The best-matching chord of a normalised chroma frame: template index (or <see cref="ChordTypes"/> for none) and root.</summary>
    private static (int Type, int Root) MatchChord(double[] chroma)
    {
        var norm = Math.Sqrt(chroma.Sum(c => c * c));
        var (bestType, bestRoot, bestScore) = (ChordTypes, -1, ChordMatch);
        for (var type = 0; type < ChordTypes; type++)
        {
            var notes = ChordTemplates[type].Notes;
            for (var root = 0; root < 12; root++)
            {
                double sum = 0;
                foreach (var note in notes)
                {
                    sum += chroma[(root + note) % 12];
                }

                var score = sum / (norm * Math.Sqrt(notes.Length));
                if (score > bestScore)
                {
                    (bestType, bestRoot, bestScore) = (type, root, score);
                }
            }
        }

        return (bestType, bestRoot);
    }

    private static (int Tonic, double Major, double Minor) EstimateKey(double[] chroma)
    {
        double bestMajor = double.NegativeInfinity, bestMinor = double.NegativeInfinity;
        int majorTonic = 0, minorTonic = 0;
        for (var tonic = 0; tonic < 12; tonic++)
        {
            var major = Correlation(chroma, MajorProfile, tonic);
            var minor = Correlation(chroma, MinorProfile, tonic);
            if (major > bestMajor)
            {
                (bestMajor, majorTonic) = (major, tonic);
            }

            if (minor > bestMinor)
            {
                (bestMinor, minorTonic) = (minor, tonic);
            }
        }

        return (bestMajor >= bestMinor ? majorTonic : minorTonic, bestMajor, bestMinor);
    }

    private static double Correlation(double[] chroma, double[] profile, int tonic)
    {
        double meanChroma = chroma.Average(), meanProfile = profile.Average();
        double num = 0, a = 0, b = 0;
        for (var k = 0; k < 12; k++)
        {
            var x = chroma[(tonic + k) % 12] - meanChroma;
            var y = profile[k] - meanProfile;
            num += x * y;
            a += x * x;
            b += y * y;
        }

        return a <= 0 ? 0 : num / Math.Sqrt(a * b);
    }

    /// <summary>Each bin's two nearest pitch classes (C = 0) and the share of the upper one.</summary>
    private static (int Bin, int Lower, float UpperWeight)[] BuildBinMap()
    {
        var map = new List<(int, int, float)>();
        for (var bin = 1; bin <= FrameSize / 2; bin++)
        {
            var hz = bin * (double)MusicnnMelFrontEnd.SampleRate / FrameSize;
            if (hz < LowHz || hz > HighHz)
            {
                continue;
            }

            var semitones = 12 * Math.Log2(hz / 261.6256);
            var lower = (int)Math.Floor(semitones);
            map.Add((bin, ((lower % 12) + 12) % 12, (float)(semitones - lower)));
        }

        return [.. map];
    }

    private void AnalyseFrame()
    {
        for (var i = 0; i < FrameSize; i++)
        {
            _windowed[i] = _buffer[i] * Window[i];
        }

        _fft.Magnitude(_windowed, _magnitude);
        Array.Clear(_chroma);
        foreach (var (bin, lower, upperWeight) in BinMap)
        {
            var m = _magnitude[bin];
            _chroma[lower] += m * (1 - upperWeight);
            _chroma[(lower + 1) % 12] += m * upperWeight;
        }

        var total = _chroma.Sum();
        if (total <= 1e-4)
        {
            return; // silence: no pitch content
        }

        double entropy = 0;
        for (var k = 0; k < 12; k++)
        {
            _chroma[k] /= total;
            _chromaSum[k] += _chroma[k];
            if (_chroma[k] > 0)
            {
                entropy -= _chroma[k] * Math.Log(_chroma[k]);
            }
        }

        for (var interval = 1; interval <= 6; interval++)
        {
            double sum = 0;
            for (var k = 0; k < 12; k++)
            {
                sum += _chroma[k] * _chroma[(k + interval) % 12];
            }

            _intervalSum[interval - 1] += sum;
        }

        entropy /= Math.Log(12);
        _entropySum += entropy;
        _entropySquares += entropy * entropy;
        if (_frames > 0)
        {
            double dot = 0, a = 0, b = 0;
            for (var k = 0; k < 12; k++)
            {
                dot += _chroma[k] * _previous[k];
                a += _chroma[k] * _chroma[k];
                b += _previous[k] * _previous[k];
            }

            _changeSum += 1 - (dot / Math.Sqrt(a * b));
            _changes++;
        }

        var (type, root) = MatchChord(_chroma);
        _chordTypes[type]++;
        if (root >= 0)
        {
            // Root movement between successive different chords, as an interval class (1 = semitone … 6 = tritone).
            if (_previousRoot >= 0 && root != _previousRoot)
            {
                var step = (root - _previousRoot + 12) % 12;
                _rootMotion[Math.Min(step, 12 - step) - 1]++;
            }

            _previousRoot = root;
        }

        Array.Copy(_chroma, _previous, 12);
        _frames++;
    }
}
