using System.Globalization;
using Harmonie.Engines.Audio;
using Harmonie.Engines.Dsp;
using Harmonie.Engines.Embeddings;
using Harmonie.TestSupport;

namespace Harmonie.Engines.Tests.Embeddings;

/// <summary>Runs the front end on the three Essentia reference signals and compares with the dumps.</summary>
internal static class MelReference
{
    public static string File(string name) => Path.Combine(SharedTestData.MelReferenceDirectory, name);

    public static float[][] ReadCsvRows(string path) =>
        System.IO.File.ReadLines(path)
            .Where(line => line.Length > 0)
            .Select(line => line.Split(',').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray())
            .ToArray();

    /// <summary>The analytic 16 kHz signal defined in mel_reference_meta.json.</summary>
    public static float[] Synthetic()
    {
        var x = new float[32000];
        for (var n = 0; n < x.Length; n++)
        {
            x[n] = (float)((0.5 * Math.Sin(2 * Math.PI * 440 * n / 16000.0))
                + (0.25 * Math.Sin(2 * Math.PI * 1234.5 * n / 16000.0))
                + (0.1 * Math.Sin(2 * Math.PI * (100 + (1900.0 * n / 32000)) * n / 16000.0)));
        }

        return x;
    }

    /// <summary>Front-end frames of a reference signal, fed in odd-sized blocks to exercise the streaming.</summary>
    public static async Task<MelFrameCollector> RunAsync(string signal)
    {
        var collector = new MelFrameCollector();
        var frontEnd = new MusicnnMelFrontEnd(collector);
        if (signal == "synthetic")
        {
            var x = Synthetic();
            for (var start = 0; start < x.Length; start += 1001)
            {
                frontEnd.Write(x.AsSpan(start, Math.Min(1001, x.Length - start)));
            }
        }
        else
        {
            var path = SharedTestData.Audio(signal == "dev001" ? "dev001.mp3" : "tricky/one_second.wav");
            var resampler = new LinearResampler(AnalysisAudio.SampleRate, MusicnnMelFrontEnd.SampleRate, frontEnd);
            var decoder = new FfmpegAudioDecoder(FfmpegAudioDecoder.Locate() ?? "ffmpeg");
            await decoder.DecodeAsync(path, AnalysisAudio.SampleRate, resampler, CancellationToken.None);
            resampler.Flush();
        }

        frontEnd.Complete();
        return collector;
    }

    public static double MaxAbsDifference(IReadOnlyList<float[]> expected, IReadOnlyList<float[]> actual)
    {
        var max = 0.0;
        for (var i = 0; i < expected.Count; i++)
        {
            for (var j = 0; j < expected[i].Length; j++)
            {
                max = Math.Max(max, Math.Abs(expected[i][j] - actual[i][j]));
            }
        }

        return max;
    }
}
