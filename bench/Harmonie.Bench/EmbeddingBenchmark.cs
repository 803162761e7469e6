using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Harmonie.Engines.Audio;
using Harmonie.Engines.Dsp;
using Harmonie.Engines.Embeddings;
using Harmonie.TestSupport;
using Harmonie.TestSupport.Evaluation;

namespace Harmonie.Bench;

/// <summary>
/// <c>harmonie bench embedding [folder]</c>: front-end accuracy against Essentia, CPU cost per 4-minute
/// track of the front end, the tiny-model ONNX pipeline and the built-in embedding, style-family
/// precision@5 of the built-in embedding against random vectors, and peak memory on a 60-minute file.
/// </summary>
public static class EmbeddingBenchmark
{
    private const int BlockSize = 16384;
    private const double TrackSeconds = 240;

    public static Command CreateCommand()
    {
        var folder = new Argument<string?>("folder")
        {
            Description = "Folder with labels.csv and the clips (default: the shared developer clips)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var fit = new Option<bool>("--fit-standardisation")
        {
            Description = "Only print the built-in embedding's standardisation constants fitted on the folder's clips (C#)",
        };
        var featuresFile = new Option<string?>("--features-file")
        {
            Description = "With --fit-standardisation: also write each clip's raw features to this file",
        };
        var longMinutes = new Option<int>("--long-minutes")
        {
            Description = "Length of the generated file for the peak-memory check",
            DefaultValueFactory = _ => 60,
        };
        var command = new Command("embedding", "Embedding front end, inference and built-in embedding: accuracy, CPU time, precision@5, memory.");
        command.Arguments.Add(folder);
        command.Options.Add(fit);
        command.Options.Add(featuresFile);
        command.Options.Add(longMinutes);
        command.SetAction((parse, ct) => RunAsync(
            parse.GetValue(folder) ?? SharedTestData.AudioDirectory, parse.GetValue(fit), parse.GetValue(featuresFile), parse.GetValue(longMinutes), ct));
        return command;
    }

    private static async Task<int> RunAsync(string folder, bool fitOnly, string? featuresFile, int longMinutes, CancellationToken ct)
    {
        var decoder = new FfmpegAudioDecoder(FfmpegAudioDecoder.Locate() ?? "ffmpeg");
        var clips = LabelledClip.Load(folder).Where(c => c.Expect != "error" && File.Exists(c.FullPath)).ToList();
        if (fitOnly)
        {
            var raw = new List<float[]>();
            foreach (var clip in clips)
            {
                raw.Add(await RawFeaturesAsync(decoder, clip.FullPath, ct));
            }

            Console.WriteLine(StandardisationSource(raw));
            if (featuresFile is not null)
            {
                // path|family|raw features, for studying the features offline.
                File.WriteAllLines(featuresFile, clips.Select((c, i) => $"{c.Path}|{c.Family}|{string.Join(',', raw[i].Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}"));
            }

            return 0;
        }

        Console.WriteLine($"harmonie bench embedding — {DateTime.UtcNow:yyyy-MM-dd}, {Machine()}");
        Console.WriteLine();
        Console.WriteLine("Front end vs Essentia TensorflowInputMusiCNN (max abs difference, log-mel units)");
        foreach (var signal in EssentiaMelReference.Signals)
        {
            var (frames, first, means) = await EssentiaMelReference.CompareAsync(signal);
            Console.WriteLine($"  {signal,-11} {frames,5} frames   first 10 frames {first:E2}   all-frame band means {means:E2}");
        }

        Console.WriteLine();
        var builtin = new BuiltinEmbeddingExtractor();
        var items = new List<(string Family, float[] Vector)>();
        foreach (var clip in clips)
        {
            using var session = builtin.Begin();
            await decoder.DecodeAsync(clip.FullPath, AnalysisAudio.SampleRate, session, ct);
            items.Add((clip.Family, session.Complete().Vector));
        }

        var families = items.Select(i => i.Family).ToList();
        var queries = families.Count(f => families.Count(g => g == f) > 1);
        Console.WriteLine($"Style-family retrieval, built-in {BuiltinEmbeddingExtractor.Model} ({builtin.Dimension}-d), {items.Count} clips, {queries} queries (families with ≥ 2 clips), cosine, query excluded");
        Console.WriteLine($"  precision@5 (depth min(5, family size − 1)): built-in {StyleFamilyPrecision.AtK(items):F3}   random vectors {StyleFamilyPrecision.RandomFloor(families, builtin.Dimension):F3}");
        Console.WriteLine($"  precision@1 (nearest neighbour):            built-in {StyleFamilyPrecision.AtK(items, 1):F3}   random vectors {StyleFamilyPrecision.RandomFloor(families, builtin.Dimension, 1):F3}");
        Console.WriteLine($"  plain precision@5 (5 neighbours always):     built-in {StyleFamilyPrecision.PlainAtK(items):F3}   ceiling for these families {StyleFamilyPrecision.PlainCeiling(families):F3}");
        Console.WriteLine();

        using var models = new TempDirectory("harmonie-bench-models");
        TinyEffnetModels.WriteEmbeddingModel(Path.Combine(models.Path, EffnetModelFiles.DynamicBatchModel));
        TinyEffnetModels.WriteStyleHead(Path.Combine(models.Path, EffnetModelFiles.StyleHeadModel));
        using var effnet = EffnetDiscogsExtractor.Load(EffnetModelFiles.Find(models.Path)!, new EffnetModelOptions { IntraOpNumThreads = 1 });

        var baseline = PeakWorkingSetMb();
        var longFile = Path.Combine(models.Path, "long.wav");
        GeneratedAudio.Lavfi(longFile,
            $"aevalsrc='0.3*sin(2*PI*220*t)*lt(mod(t\\,0.5)\\,0.1)+0.2*sin(2*PI*(330+50*sin(t/7))*t)+0.03*(random(0)-0.5)':s=8000:d={longMinutes * 60}");
        Console.WriteLine($"Peak memory, {longMinutes}-minute generated file (8 kHz wav decoded to 44.1 kHz, streamed)");
        Console.WriteLine($"  peak working set before: {baseline:F0} MB (after the clips above)");
        foreach (var (name, extractor) in new (string, IEmbeddingExtractor)[] { ("built-in", builtin), ("tiny ONNX", effnet) })
        {
            var cpu = await CpuSecondsAsync(async () =>
            {
                using var session = extractor.Begin();
                await decoder.DecodeAsync(longFile, AnalysisAudio.SampleRate, session, ct);
                session.Complete();
            });
            Console.WriteLine($"  after {name,-9}: peak working set {PeakWorkingSetMb():F0} MB, managed heap {GC.GetTotalMemory(false) / 1048576.0:F0} MB, {cpu:F1} CPU-s incl. decoding");
        }

        Console.WriteLine();
        var track = await FourMinuteTrackAsync(decoder, Path.Combine(folder, "dev001.mp3"), ct);
        Console.WriteLine($"CPU-seconds per 4-minute track (44.1 kHz samples in memory, best of 3, {effnet.BatchSize} patches per inference call, 1 inference thread)");
        var frontEnd = await BestOfAsync(() => RunFrontEnd(track));
        var builtinSeconds = await BestOfAsync(() => RunSession(builtin, track));
        var onnxSeconds = await BestOfAsync(() => RunSession(effnet, track));
        Console.WriteLine($"  resample + MusiCNN log-mel front end:  {frontEnd:F3}");
        Console.WriteLine($"  built-in embedding (incl. front end):  {builtinSeconds:F3}");
        Console.WriteLine($"  tiny-model ONNX pipeline (incl. front end, head): {onnxSeconds:F3}  → inference ≈ {Math.Max(0, onnxSeconds - frontEnd):F3}");
        return 0;
    }

    private static async Task<float[]> RawFeaturesAsync(FfmpegAudioDecoder decoder, string path, CancellationToken ct)
    {
        var session = new BuiltinEmbeddingSession();
        await decoder.DecodeAsync(path, AnalysisAudio.SampleRate, session, ct);
        return session.CompleteRaw();
    }

    /// <summary>C# source of the constants: per-feature mean and standard deviation (floored so constant features stay finite).</summary>
    private static string StandardisationSource(IReadOnlyList<float[]> raw)
    {
        var dimension = raw[0].Length;
        var mean = new double[dimension];
        var deviation = new double[dimension];
        for (var d = 0; d < dimension; d++)
        {
            mean[d] = raw.Average(r => (double)r[d]);
            deviation[d] = Math.Sqrt(raw.Average(r => (r[d] - mean[d]) * (r[d] - mean[d])));
            deviation[d] = Math.Max(deviation[d], 1e-6 + (1e-3 * Math.Abs(mean[d])));
        }

        static string Array(double[] values) => string.Join(", ", values.Select(v => ((float)v).ToString("R", CultureInfo.InvariantCulture) + "f"));
        var source = new StringBuilder();
        source.AppendLine($"// Fitted on {raw.Count} clips by `harmonie bench embedding --fit-standardisation`.");
        source.AppendLine($"public static readonly float[] Mean = [{Array(mean)}];");
        source.AppendLine($"public static readonly float[] Deviation = [{Array(deviation)}];");
        return source.ToString();
    }

    private static async Task<float[]> FourMinuteTrackAsync(FfmpegAudioDecoder decoder, string path, CancellationToken ct)
    {
        var clip = new CollectingSink();
        await decoder.DecodeAsync(path, AnalysisAudio.SampleRate, clip, ct);
        var samples = clip.Samples;
        var track = new float[(int)(TrackSeconds * AnalysisAudio.SampleRate)];
        for (var i = 0; i < track.Length; i += samples.Length)
        {
            samples.AsSpan(0, Math.Min(samples.Length, track.Length - i)).CopyTo(track.AsSpan(i));
        }

        return track;
    }

    private static void RunFrontEnd(float[] track)
    {
        var frontEnd = new MusicnnMelFrontEnd(new DiscardingFrameSink());
        var resampler = new LinearResampler(AnalysisAudio.SampleRate, MusicnnMelFrontEnd.SampleRate, frontEnd);
        Feed(track, resampler);
        resampler.Flush();
        frontEnd.Complete();
    }

    private static void RunSession(IEmbeddingExtractor extractor, float[] track)
    {
        using var session = extractor.Begin();
        Feed(track, session);
        session.Complete();
    }

    private static void Feed(float[] track, IPcmSink sink)
    {
        for (var start = 0; start < track.Length; start += BlockSize)
        {
            sink.Write(track.AsSpan(start, Math.Min(BlockSize, track.Length - start)));
        }
    }

    private static async Task<double> BestOfAsync(Action run)
    {
        var best = double.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            best = Math.Min(best, await CpuSecondsAsync(() => { run(); return Task.CompletedTask; }));
        }

        return best;
    }

    private static async Task<double> CpuSecondsAsync(Func<Task> run)
    {
        GC.Collect();
        var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        await run();
        process.Refresh();
        return (process.TotalProcessorTime - before).TotalSeconds;
    }

    private static double PeakWorkingSetMb()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / 1048576.0;
    }

    private static string Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return $"{cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}";
    }

    private sealed class DiscardingFrameSink : IMelFrameSink
    {
        public void OnFrame(ReadOnlySpan<float> logMel)
        {
        }
    }
}
