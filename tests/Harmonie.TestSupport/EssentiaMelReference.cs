using System.Globalization;
using Harmonie.Engines.Audio;
using Harmonie.Engines.Dsp;
using Harmonie.Engines.Embeddings;

namespace Harmonie.TestSupport;

/// <summary>Runs the front end on the three Essentia reference signals and compares with the dumps.</summary>
public static class EssentiaMelReference
{
    public static string File(string name) => Path.Combine(TestData.MelReferenceDirectory, name);

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
            var path = TestData.Audio(signal == "dev001" ? "dev001.mp3" : "tricky/one_second.wav");
            var resampler = new LinearResampler(AnalysisAudio.SampleRate, MusicnnMelFrontEnd.SampleRate, frontEnd);
            var decoder = new FfmpegAudioDecoder(FfmpegAudioDecoder.Locate() ?? "ffmpeg");
            await decoder.DecodeAsync(path, AnalysisAudio.SampleRate, resampler, CancellationToken.None);
            resampler.Flush();
        }

        frontEnd.Complete();
        return collector;
    }

    /// <summary>The reference signals: an analytic one, a lossless 1-second file and an mp3.</summary>
    public static IReadOnlyList<string> Signals { get; } = ["synthetic", "one_second", "dev001"];

    /// <summary>Frame count and the largest differences from Essentia (first 10 frames, all-frame band means).</summary>
    public static async Task<(long Frames, double FirstFrames, double BandMeans)> CompareAsync(string signal)
    {
        var expectedFirst = ReadCsvRows(File($"{signal}_mel96_first10.csv"));
        var expectedMeans = NpyFile.ReadFloat32(File($"{signal}_mel96_all_band_means.npy"));
        var frames = await RunAsync(signal);
        return (frames.Count, MaxAbsDifference(expectedFirst, frames.FirstFrames), MaxAbsDifference([expectedMeans], [frames.BandMeans]));
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
