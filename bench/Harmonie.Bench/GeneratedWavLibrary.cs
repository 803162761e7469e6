using System.Globalization;
using Harmonie.TestSupport;

namespace Harmonie.Bench;

/// <summary>
/// A library of many short WAV files in artist/album folders, each a different two-tone chord with clicks at its
/// own tempo and a little noise, so every file analyses to its own descriptors and embedding.
/// </summary>
public static class GeneratedWavLibrary
{
    public const int SampleRate = 22050;

    /// <summary>Writes <paramref name="files"/> files spread over <paramref name="folders"/> album folders under <paramref name="root"/>.</summary>
    public static void Create(string root, int files, int folders, double seconds, int seed)
    {
        var perFolder = (files + folders - 1) / folders;
        Parallel.For(0, files, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var folder = i / perFolder;
            var directory = Path.Combine(
                root,
                $"Artist {folder / 10:D3}".ToString(CultureInfo.InvariantCulture),
                $"Album {folder % 10:D2}".ToString(CultureInfo.InvariantCulture));
            Directory.CreateDirectory(directory);
            WaveFile.Write(Path.Combine(directory, $"{i % perFolder:D4} Track {i:D6}.wav"), Signal(i, seconds, seed), SampleRate);
        });
    }

    private static float[] Signal(int index, double seconds, int seed)
    {
        var random = new Random(unchecked((seed * 7919) + index));
        var samples = new float[(int)(seconds * SampleRate)];
        var root = 110.0 * Math.Pow(2, random.Next(36) / 12.0);
        var third = root * Math.Pow(2, (random.Next(2) == 0 ? 3 : 4) / 12.0);
        var beat = 60.0 / (70 + random.Next(90));
        for (var n = 0; n < samples.Length; n++)
        {
            var t = n / (double)SampleRate;
            var sinceBeat = t % beat;
            var click = Math.Exp(-sinceBeat * 60) * Math.Sin(2 * Math.PI * 1800 * sinceBeat);
            var tone = (0.3 * Math.Sin(2 * Math.PI * root * t)) + (0.2 * Math.Sin(2 * Math.PI * third * t));
            samples[n] = (float)(tone + (0.4 * click) + (0.02 * ((random.NextDouble() * 2) - 1)));
        }

        return samples;
    }
}
