using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Harmonie.Analysis;
using Harmonie.Engines.Audio;
using Harmonie.Engines.Descriptors;
using Harmonie.TestSupport.Evaluation;

namespace Harmonie.Bench;

/// <summary>
/// <c>harmonie bench descriptors &lt;folder&gt; [--labels labels.csv] [--reference dev_descriptors.csv]</c>:
/// decodes every audio file under the folder, runs the descriptor extractor, and prints per-file values next
/// to the labels and Essentia's, the accuracy table for both, and timings (descriptor block alone, decode
/// excluded) including a generated 60-minute signal for memory.
/// </summary>
public static class DescriptorBenchmark
{
    private const int BlockSize = 16384;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static Command CreateCommand()
    {
        var folder = new Argument<string>("folder") { Description = "Folder of audio files (searched recursively)." };
        var labels = new Option<string?>("--labels") { Description = "labels.csv with bpm, bpm_alt, key, scale columns." };
        var reference = new Option<string?>("--reference") { Description = "Essentia's dev_descriptors.csv (dev_timings.csv beside it is read too)." };
        var longMinutes = new Option<int>("--long-minutes")
        {
            Description = "Length of the generated long signal for the memory check (0 skips it).",
            DefaultValueFactory = _ => 60,
        };
        var command = new Command("descriptors", "Tempo, key, loudness, danceability and onset rate: accuracy and speed.")
        {
            folder, labels, reference, longMinutes,
        };
        command.SetAction((parse, ct) => RunAsync(
            parse.GetValue(folder)!, parse.GetValue(labels), parse.GetValue(reference), parse.GetValue(longMinutes), ct));
        return command;
    }

    private static async Task<int> RunAsync(string folder, string? labelsPath, string? referencePath, int longMinutes, CancellationToken ct)
    {
        var ffmpeg = FfmpegAudioDecoder.Locate();
        if (ffmpeg is null)
        {
            Console.Error.WriteLine("ffmpeg was not found on PATH.");
            return 1;
        }

        var root = Path.GetFullPath(folder);
        var labels = labelsPath is null ? null : LabelledClip.LoadAll(labelsPath);
        var essentia = referencePath is null ? null : EssentiaReference.LoadAll(referencePath);
        var essentiaSeconds = referencePath is null ? null : LoadEssentiaTimings(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(referencePath))!, "dev_timings.csv"));
        var decoder = new FfmpegAudioDecoder(ffmpeg);
        var extractor = new DescriptorExtractor();
        WarmUp(extractor);

        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => decoder.SupportedExtensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

        Console.WriteLine($"harmonie bench descriptors — {files.Count} files under {root}");
        Console.WriteLine($"{DateTime.Now:yyyy-MM-dd}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        Console.WriteLine();
        Console.WriteLine("Per file (ours | label | Essentia):");
        Console.WriteLine($"{"file",-34} {"dur",5}  {"bpm",6} {"conf",4} {"label",10} {"ess",6} {"conf",4}  {"key",-9} {"str",4} {"label",-9} {"ess",-9}  {"loud",6} {"ess",6}  {"dance",5} {"ess",5}  {"onset",5} {"ess",5}");

        var results = new List<(LabelledClip Clip, AudioDescriptors? Result)>();
        double totalCpu = 0, totalWall = 0, totalAudioSeconds = 0, essentiaCpu = 0, essentiaAudio = 0;
        foreach (var file in files)
        {
            ct.ThrowIfCancellationRequested();
            var sink = new BlockSink();
            AudioDescriptors? result = null;
            string? error = null;
            try
            {
                await decoder.DecodeAsync(Path.Combine(root, file), AnalysisAudio.SampleRate, sink, ct).ConfigureAwait(false);
                var (descriptors, cpu, wall) = Measure(extractor, sink.Blocks);
                result = descriptors;
                totalCpu += cpu;
                totalWall += wall;
                totalAudioSeconds += sink.SampleCount / (double)AnalysisAudio.SampleRate;
                if (essentiaSeconds is not null && essentiaSeconds.TryGetValue(file, out var ess))
                {
                    essentiaCpu += ess;
                    essentiaAudio += sink.SampleCount / (double)AnalysisAudio.SampleRate;
                }
            }
            catch (AudioDecodeException e)
            {
                error = e.Message;
            }

            var label = labels?.GetValueOrDefault(file);
            var reference = essentia?.GetValueOrDefault(file)?.Descriptors;
            if (label is not null)
            {
                results.Add((label, result));
            }

            PrintRow(file, sink.SampleCount / (double)AnalysisAudio.SampleRate, result, label, reference, error);
        }

        if (labels is not null)
        {
            PrintAccuracy(results, essentia);
        }

        Console.WriteLine();
        Console.WriteLine("Timings (descriptor block only, decode excluded, one thread):");
        if (totalAudioSeconds > 0)
        {
            Console.WriteLine($"  ours:     {totalCpu:F3} CPU-s for {totalAudioSeconds / 60:F2} min of audio = {totalCpu / (totalAudioSeconds / 60):F3} CPU-s per minute (wall {totalWall / (totalAudioSeconds / 60):F3} s/min)");
        }

        if (essentiaAudio > 0)
        {
            Console.WriteLine($"  Essentia: {essentiaCpu:F3} CPU-s for {essentiaAudio / 60:F2} min of audio = {essentiaCpu / (essentiaAudio / 60):F3} CPU-s per minute (pipeline_44k of dev_timings.csv)");
            Console.WriteLine($"  speed-up: {essentiaCpu / (essentiaAudio / 60) / (totalCpu / (totalAudioSeconds / 60)):F1}×");
        }

        if (longMinutes > 0)
        {
            RunLongSignal(extractor, longMinutes);
        }

        return 0;
    }

    private static void PrintRow(string file, double seconds, AudioDescriptors? ours, LabelledClip? label, AudioDescriptors? essentia, string? error)
    {
        var name = file.Length > 34 ? file[..31] + "..." : file;
        if (error is not null)
        {
            Console.WriteLine($"{name,-34} decode error: {error[..Math.Min(error.Length, 80)]}");
            return;
        }

        var labelBpm = label?.Bpm is { } b ? (label.BpmAlternative is { } alt ? $"{b:0.#}/{alt:0.#}" : $"{b:0.#}") : "-";
        var labelKey = label?.Key is { } k ? $"{k} {Short(label.Scale)}" : "-";
        Console.WriteLine(
            $"{name,-34} {seconds,5:F1}  {F(ours?.Bpm, 6, 1)} {F(ours?.BpmConfidence, 4, 1)} {labelBpm,10} {F(essentia?.Bpm, 6, 1)} {F(essentia?.BpmConfidence, 4, 1)}  " +
            $"{KeyText(ours),-9} {F(ours?.KeyStrength, 4, 2)} {labelKey,-9} {KeyText(essentia),-9}  " +
            $"{F(ours?.Loudness, 6, 2)} {F(essentia?.Loudness, 6, 2)}  {F(ours?.Danceability, 5, 2)} {F(essentia?.Danceability, 5, 2)}  " +
            $"{F(ours?.OnsetRate, 5, 2)} {F(essentia?.OnsetRate, 5, 2)}");
    }

    private static void PrintAccuracy(List<(LabelledClip Clip, AudioDescriptors? Result)> results, IReadOnlyDictionary<string, EssentiaReference>? essentia)
    {
        var ours = DescriptorEvaluator.Score(results, essentia);
        DescriptorScorecard? theirs = null;
        if (essentia is not null)
        {
            var essentiaResults = results
                .Select(r => (r.Clip, essentia.GetValueOrDefault(r.Clip.Path)?.Descriptors))
                .ToList();
            theirs = DescriptorEvaluator.Score(essentiaResults, null);
        }

        Console.WriteLine();
        Console.WriteLine("Accuracy on the labelled clips (scored as dev_accuracy.json: every labelled clip counts, a missing value is wrong):");
        Console.WriteLine($"{"measure",-52} {"ours",8} {"Essentia",9}  target");
        Row("tempo Acc1 (±4 %)", ours.BpmAcc1, theirs?.BpmAcc1, $"n={ours.BpmCount}");
        Row("tempo Acc1 or labelled alternative", ours.BpmAcc1OrAlternative, theirs?.BpmAcc1OrAlternative, "≥ 0.92");
        Row("tempo Acc2 (×2, ×½, ×3, ×⅓ allowed)", ours.BpmAcc2, theirs?.BpmAcc2, "≥ 0.97");
        Row("key exact", ours.KeyExact, theirs?.KeyExact, $"n={ours.KeyCount}");
        Row("key MIREX weighted (fifth .5, relative .3, parallel .2)", ours.KeyMirex, theirs?.KeyMirex, "≥ 0.90");
        Row("corr(bpm_confidence, tempo right)", ours.ConfidenceVsCorrect, theirs?.ConfidenceVsCorrect, "> 0");
        Row("corr(key_strength, MIREX score)", ours.StrengthVsScore, theirs?.StrengthVsScore, "> 0");
        if (essentia is not null)
        {
            Row($"loudness within ±1 dB of Essentia ReplayGain (n={ours.LoudnessCount})", ours.LoudnessWithin1Db, null, "≥ 0.95");
            Row("loudness max |ours − Essentia| dB", ours.LoudnessMaxAbsDiffDb, null, string.Empty);
            Row($"danceability Spearman vs Essentia (n={ours.DanceabilityCount})", ours.DanceabilitySpearman, null, "≥ 0.8");
            Row($"onset rate Spearman vs Essentia (n={ours.OnsetRateCount})", ours.OnsetRateSpearman, null, "≥ 0.8");
        }
    }

    private static void Row(string name, double ours, double? theirs, string target) =>
        Console.WriteLine($"{name,-52} {ours,8:F3} {(theirs is { } t ? t.ToString("F3", Invariant) : "-"),9}  {target}");

    private static (AudioDescriptors Result, double CpuSeconds, double WallSeconds) Measure(IDescriptorExtractor extractor, List<float[]> blocks)
    {
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var session = extractor.Begin();
        foreach (var block in blocks)
        {
            session.Write(block);
        }

        var result = session.Complete();
        watch.Stop();
        process.Refresh();
        return (result, (process.TotalProcessorTime - cpuBefore).TotalSeconds, watch.Elapsed.TotalSeconds);
    }

    // A 60-minute (by default) synthetic track fed block by block: shows time and memory stay linear/bounded.
    private static void RunLongSignal(IDescriptorExtractor extractor, int minutes)
    {
        // One generated minute (a whole number of beats) looped, so synthesis does not count as analysis time.
        var oneMinute = new float[60 * AnalysisAudio.SampleRate];
        new SyntheticTrack(bpm: 128, seed: 7).Fill(oneMinute);
        GC.Collect();
        var process = Process.GetCurrentProcess();
        var heapBefore = GC.GetTotalMemory(true) - (oneMinute.Length * sizeof(float));
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var session = extractor.Begin();
        var total = (long)minutes * 60 * AnalysisAudio.SampleRate;
        long peakHeap = 0;
        var blocks = 0;
        for (long written = 0; written < total;)
        {
            var offset = (int)(written % oneMinute.Length);
            var count = (int)Math.Min(Math.Min(BlockSize, oneMinute.Length - offset), total - written);
            session.Write(oneMinute.AsSpan(offset, count));
            written += count;
            if (++blocks % 64 == 0)
            {
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
            }
        }

        var result = session.Complete();
        watch.Stop();
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        Console.WriteLine();
        Console.WriteLine($"Generated {minutes}-minute signal (128 BPM clicks over an A minor chord, fed in {BlockSize}-sample blocks):");
        Console.WriteLine($"  {cpu:F2} CPU-s ({cpu / minutes:F3} CPU-s per minute), wall {watch.Elapsed.TotalSeconds:F2} s");
        Console.WriteLine($"  managed heap: {heapBefore / 1048576.0:F1} MB before, peak sampled {peakHeap / 1048576.0:F1} MB during; process peak working set {process.PeakWorkingSet64 / 1048576.0:F0} MB");
        Console.WriteLine($"  result: bpm {F(result.Bpm, 0, 2)}, key {KeyText(result)}, loudness {F(result.Loudness, 0, 2)} dB, danceability {F(result.Danceability, 0, 2)}, onset rate {F(result.OnsetRate, 0, 2)}/s");
    }

    private static void WarmUp(IDescriptorExtractor extractor)
    {
        var generator = new SyntheticTrack(bpm: 120, seed: 1);
        var block = new float[BlockSize];
        for (var round = 0; round < 2; round++)
        {
            var session = extractor.Begin();
            for (var i = 0; i < 40; i++)
            {
                generator.Fill(block);
                session.Write(block);
            }

            session.Complete();
        }
    }

    private static Dictionary<string, double>? LoadEssentiaTimings(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var table = CsvTable.Load(path);
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            if (table.GetDouble(row, "pipeline_44k") is { } seconds)
            {
                result[table.Get(row, "file")] = seconds;
            }
        }

        return result;
    }

    private static string KeyText(AudioDescriptors? d) => d?.Key is { } k ? $"{k} {Short(d.Scale)}" : "-";

    private static string Short(string? scale) => scale switch
    {
        "major" => "maj",
        "minor" => "min",
        _ => "?",
    };

    private static string F(double? value, int width, int decimals) =>
        (value is { } v ? v.ToString("F" + decimals, Invariant) : "-").PadLeft(width);

    private sealed class BlockSink : IPcmSink
    {
        public List<float[]> Blocks { get; } = [];

        public long SampleCount { get; private set; }

        public void Write(ReadOnlySpan<float> samples)
        {
            Blocks.Add(samples.ToArray());
            SampleCount += samples.Length;
        }
    }

    private sealed class SyntheticTrack(double bpm, int seed)
    {
        private readonly Random _random = new(seed);
        private readonly double _beatSamples = 60.0 * AnalysisAudio.SampleRate / bpm;
        private long _position;

        public void Fill(Span<float> block)
        {
            for (var i = 0; i < block.Length; i++, _position++)
            {
                var t = _position / (double)AnalysisAudio.SampleRate;
                var sinceBeat = _position % _beatSamples;
                var click = sinceBeat < 2000 ? Math.Exp(-sinceBeat / 300.0) * Math.Sin(2 * Math.PI * 60 * sinceBeat / AnalysisAudio.SampleRate) : 0;
                var chord = (Math.Sin(2 * Math.PI * 220 * t) + Math.Sin(2 * Math.PI * 261.63 * t) + Math.Sin(2 * Math.PI * 329.63 * t)) / 3;
                block[i] = (float)((0.5 * click) + (0.2 * chord) + (0.01 * ((_random.NextDouble() * 2) - 1)));
            }
        }
    }
}
