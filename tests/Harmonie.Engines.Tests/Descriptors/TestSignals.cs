using Harmonie.Analysis;
using Harmonie.Engines.Descriptors;

namespace Harmonie.Engines.Tests.Descriptors;

/// <summary>Signals generated in memory for descriptor tests: drum-like click tracks, chord progressions, tones.</summary>
internal static class TestSignals
{
    public const int Rate = 44100;

    /// <summary>Kick on every beat, a noise "snare" on beats 2 and 4, closed hats on eighths.</summary>
    public static float[] DrumTrack(double bpm, double seconds, double gain = 0.5, int seed = 1)
    {
        var random = new Random(seed);
        var samples = new float[(int)(seconds * Rate)];
        var beat = 60.0 * Rate / bpm;
        for (var b = 0; b * beat < samples.Length; b++)
        {
            var start = (int)(b * beat);
            AddHit(samples, start, 0.12, t => Math.Sin(2 * Math.PI * (55 + (60 * Math.Exp(-t * 30))) * t) * Math.Exp(-t * 18));
            if (b % 2 == 1)
            {
                AddHit(samples, start, 0.15, t => (((random.NextDouble() * 2) - 1) * 0.6 * Math.Exp(-t * 25)) + (0.3 * Math.Sin(2 * Math.PI * 190 * t) * Math.Exp(-t * 30)));
            }

            foreach (var offset in new[] { 0.0, 0.5 })
            {
                AddHit(samples, start + (int)(offset * beat), 0.04, t => ((random.NextDouble() * 2) - 1) * 0.25 * Math.Exp(-t * 120) * (random.NextDouble() > 0.5 ? 1 : -1));
            }
        }

        Scale(samples, gain);
        return samples;
    }

    /// <summary>Block chords with a bass note, each held for one bar of 2 s; pitches in semitones from A4.</summary>
    public static float[] ChordProgression(IReadOnlyList<int[]> chords, int repeats = 3, double gain = 0.3)
    {
        const double chordSeconds = 2.0;
        var samples = new float[(int)(chords.Count * repeats * chordSeconds * Rate)];
        var index = 0;
        for (var r = 0; r < repeats; r++)
        {
            foreach (var chord in chords)
            {
                var start = (int)(index++ * chordSeconds * Rate);
                var length = (int)(chordSeconds * Rate);
                foreach (var note in chord.Append(chord[0] - 24))
                {
                    var frequency = 440 * Math.Pow(2, note / 12.0);
                    for (var i = 0; i < length; i++)
                    {
                        var t = i / (double)Rate;
                        var envelope = Math.Min(1, t * 50) * Math.Exp(-t * 0.8);
                        double v = 0;
                        for (var h = 1; h <= 4; h++)
                        {
                            v += Math.Sin(2 * Math.PI * frequency * h * t) / (h * h);
                        }

                        samples[start + i] += (float)(v * envelope);
                    }
                }
            }
        }

        Scale(samples, gain);
        return samples;
    }

    public static float[] Sine(double frequency, double amplitude, double seconds)
    {
        var samples = new float[(int)(seconds * Rate)];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (float)(amplitude * Math.Sin(2 * Math.PI * frequency * i / Rate));
        }

        return samples;
    }

    public static float[] WhiteNoise(double seconds, double amplitude, int seed = 3)
    {
        var random = new Random(seed);
        var samples = new float[(int)(seconds * Rate)];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (float)(amplitude * ((random.NextDouble() * 2) - 1));
        }

        return samples;
    }

    public static AudioDescriptors Analyse(float[] samples, int blockSize = 16384)
    {
        var session = new DescriptorExtractor().Begin();
        for (var i = 0; i < samples.Length; i += blockSize)
        {
            session.Write(samples.AsSpan(i, Math.Min(blockSize, samples.Length - i)));
        }

        return session.Complete();
    }

    private static void AddHit(float[] samples, int start, double seconds, Func<double, double> shape)
    {
        var length = (int)(seconds * Rate);
        for (var i = 0; i < length && start + i < samples.Length; i++)
        {
            samples[start + i] += (float)shape(i / (double)Rate);
        }
    }

    private static void Scale(float[] samples, double peak)
    {
        var max = samples.Max(Math.Abs);
        if (max > 0)
        {
            for (var i = 0; i < samples.Length; i++)
            {
                samples[i] = (float)(samples[i] / max * peak);
            }
        }
    }
}
