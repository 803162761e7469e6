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
            Description = "Folder with labels.csv and the clips (default: the developer clips in tests/data/audio)",
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
            Description = "Length of the generated file for the peak-memory check (0 skips it)",
            DefaultValueFactory = _ => 60,
        };
        var command = new Command("embedding", "Embedding front end, inference and built-in embedding: accuracy, CPU time, precision@5, memory.");
        command.Arguments.Add(folder);
        command.Options.Add(fit);
        command.Options.Add(featuresFile);
        command.Options.Add(longMinutes);
        command.SetAction((parse, ct) => RunAsync(
            parse.GetValue(folder) ?? TestData.AudioDirectory, parse.GetValue(fit), parse.GetValue(featuresFile), parse.GetValue(longMinutes), ct));
        return command;
    }

    private static async Task<int> RunAsync(string folder, bool fitOnly, string? featuresFile, int longMinutes, CancellationToken ct)
    {
        var decoder = new FfmpegAudioDecoder(FfmpegAudioDecoder.Locate() ?? "ffmpeg");
        var clips = LabelledClip.Load(folder).Where(c => c.Expect != "error" && File.Exists(c.FullPath)).ToList();
        var pieces = Pieces(folder);
        var measured = new List<MeasuredClip>();
        foreach (var clip in clips)
        {
            var (raw, seconds) = await RawFeaturesAsync(decoder, clip.FullPath, ct);
            measured.Add(new MeasuredClip(clip.Path, clip.Family, clip.Expect, pieces.GetValueOrDefault(clip.Path), raw, seconds));
        }

        if (fitOnly)
        {
            Console.WriteLine(StandardisationSource(measured.Select(m => m.Raw).ToList()));
            if (featuresFile is not null)
            {
                // A names line, then path|family|seconds|raw features, for studying the features offline.
                File.WriteAllLines(featuresFile, new[] { "#names|" + string.Join(',', BuiltinEmbeddingExtractor.FeatureNames) }.Concat(measured.Select(m =>
                    $"{m.Path}|{m.Family}|{m.Seconds.ToString("R", CultureInfo.InvariantCulture)}|{string.Join(',', m.Raw.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}")));
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
        ReportRetrieval(measured, builtin.Dimension);

        using var models = new TempDirectory("harmonie-bench-models");
        TinyEffnetModels.WriteEmbeddingModel(Path.Combine(models.Path, EffnetModelFiles.DynamicBatchModel));
        TinyEffnetModels.WriteStyleHead(Path.Combine(models.Path, EffnetModelFiles.StyleHeadModel));
        using var effnet = EffnetDiscogsExtractor.Load(EffnetModelFiles.Find(models.Path)!, new EffnetModelOptions { IntraOpNumThreads = 1 });

        // --long-minutes 0 skips the memory check (a zero-length file decodes to nothing).
        if (longMinutes > 0)
        {
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

    private static async Task<(float[] Raw, double Seconds)> RawFeaturesAsync(FfmpegAudioDecoder decoder, string path, CancellationToken ct)
    {
        var session = new BuiltinEmbeddingSession();
        await decoder.DecodeAsync(path, AnalysisAudio.SampleRate, session, ct);
        return (session.CompleteRaw(), session.Seconds);
    }

    /// <summary>The piece each clip is a copy of: the generator seed (copies at another loudness, format or tempo share it).</summary>
    private static Dictionary<string, string> Pieces(string folder)
    {
        var table = CsvTable.Load(Path.Combine(folder, "labels.csv"));
        return !table.HasColumn("seed")
            ? []
            : table.Rows.Where(r => table.Get(r, "seed").Length > 0).ToDictionary(r => table.Get(r, "path"), r => "seed " + table.Get(r, "seed"));
    }

    /// <summary>
    /// Style-family retrieval of the built-in embedding: the headline on full-length music, the same on
    /// every readable clip, single blocks, and the overfitting checks (block weights chosen on half of the
    /// families, or on all but one, and standardisation constants fitted on half of the clips).
    /// </summary>
    private static void ReportRetrieval(IReadOnlyList<MeasuredClip> measured, int dimension)
    {
        // Music a listener would query with: not the 1-second file (too short to have a style), not digital silence.
        var music = measured.Where(m => m.Expect is "ok" or "ok-partial-or-error").ToList();
        var musicFamilies = music.Select(m => m.Family).ToList();
        var pieces = music.Select(m => m.Piece).ToList();
        var items = Vectors(music, null);
        Console.WriteLine($"Style-family retrieval, built-in {BuiltinEmbeddingExtractor.Model} ({dimension}-d), cosine, query excluded");
        Console.WriteLine($"  headline set: {music.Count} full-length music clips (expect ok or ok-partial-or-error), {StyleFamilyPrecision.QueryCount(musicFamilies)} queries (families with ≥ 2 of them)");
        Console.WriteLine($"  not counted: {string.Join(", ", measured.Except(music).Select(m => $"{m.Path} ({m.Expect})"))}");
        Console.WriteLine($"  precision@5, depth min(5, family size − 1) [headline]: built-in {StyleFamilyPrecision.AtK(items):F3}   random vectors {StyleFamilyPrecision.RandomFloor(musicFamilies, dimension):F3}");
        Console.WriteLine($"  precision@1 (nearest neighbour):                     built-in {StyleFamilyPrecision.AtK(items, 1):F3}   random vectors {StyleFamilyPrecision.RandomFloor(musicFamilies, dimension, 1):F3}");
        Console.WriteLine($"  plain precision@5 (5 neighbours always):             built-in {StyleFamilyPrecision.PlainAtK(items):F3}   ceiling for these families {StyleFamilyPrecision.PlainCeiling(musicFamilies):F3}");
        Console.WriteLine($"  distinct pieces only ({StyleFamilyPrecision.QueryCount(musicFamilies, pieces)} queries; other copies of the query's own clip skipped): precision@5 {StyleFamilyPrecision.AtK(items, 5, pieces):F3}   random vectors {StyleFamilyPrecision.RandomFloor(musicFamilies, dimension, pieces: pieces):F3}");
        var all = Vectors(measured, null);
        var allFamilies = measured.Select(m => m.Family).ToList();
        Console.WriteLine($"  every readable clip ({measured.Count} clips incl. the 1-second file and silence, {StyleFamilyPrecision.QueryCount(allFamilies)} queries): precision@5 {StyleFamilyPrecision.AtK(all):F3}   precision@1 {StyleFamilyPrecision.AtK(all, 1):F3}   random vectors {StyleFamilyPrecision.RandomFloor(allFamilies, dimension):F3}");
        var blocks = BuiltinFeatureBlocks.All;
        Console.WriteLine("  one block alone (headline precision@5): " + string.Join("   ", blocks.Select((b, i) =>
            $"{b.Name} {StyleFamilyPrecision.AtK(Vectors(music, blocks.Select((_, j) => j == i ? 1f : 0f).ToArray())):F3}")));
        Console.WriteLine();

        // Overfitting checks on the headline set. Candidate weightings: the first block fixed at 1, each
        // other block at 0.5, 0.75, 1, 1.5 or 2.
        var grid = WeightGrid(blocks.Count);
        var equal = grid.FindIndex(w => w.All(x => x == 1f));
        var scores = grid.Select(w => StyleFamilyPrecision.QueryScores(Vectors(music, w)).ToDictionary(s => s.Query, s => s.Score)).ToList();
        var queries = scores[equal].Keys.ToList();
        double Mean(int weighting, IEnumerable<int> subset) => subset.Average(q => scores[weighting][q]);
        int Best(IReadOnlyCollection<int> subset) => Enumerable.Range(0, grid.Count)
            .OrderByDescending(w => Mean(w, subset)).ThenBy(w => w == equal ? 0 : 1).First();
        var bestAll = Best(queries);
        Console.WriteLine($"Block weights ({string.Join(", ", blocks.Select(b => b.Name))}; shipped: equal): best of {grid.Count} weightings on all queries [{Format(grid[bestAll])}] {Mean(bestAll, queries):F3} vs equal {Mean(equal, queries):F3}");
        var familiesWithQueries = queries.Select(q => music[q].Family).Distinct().Order(StringComparer.Ordinal).ToList();
        var random = new Random(20261124);
        double chosenOnB = 0, equalOnB = 0, chosenOnA = 0;
        const int splits = 100;
        for (var s = 0; s < splits; s++)
        {
            var half = familiesWithQueries.OrderBy(_ => random.Next()).Take(familiesWithQueries.Count / 2).ToHashSet();
            var a = queries.Where(q => half.Contains(music[q].Family)).ToList();
            var b = queries.Where(q => !half.Contains(music[q].Family)).ToList();
            var chosen = Best(a);
            chosenOnA += Mean(chosen, a);
            chosenOnB += Mean(chosen, b);
            equalOnB += Mean(equal, b);
        }

        Console.WriteLine($"  split-half ({splits} random halves of the {familiesWithQueries.Count} families): weights chosen on half A score {chosenOnA / splits:F3} there, {chosenOnB / splits:F3} on half B; equal weights score {equalOnB / splits:F3} on half B");
        var leaveOneOut = queries.Average(q =>
        {
            var chosen = Best(queries.Where(o => music[o].Family != music[q].Family).ToList());
            return scores[chosen][q];
        });
        Console.WriteLine($"  leave-one-family-out: weights chosen on the other families score {leaveOneOut:F3} on the left-out family (mean over queries); equal weights {Mean(equal, queries):F3}");

        // The constants are fitted without labels; fitting them on half of the clips must not matter much.
        double halfFit = 0, fullFit = 0;
        const int fits = 20;
        for (var s = 0; s < fits; s++)
        {
            var half = familiesWithQueries.OrderBy(_ => random.Next()).Take(familiesWithQueries.Count / 2).ToHashSet();
            var (mean, deviation) = Fit(measured.Where(m => half.Contains(m.Family)).Select(m => m.Raw).ToList());
            var b = queries.Where(q => !half.Contains(music[q].Family)).ToList();
            var refitted = StyleFamilyPrecision.QueryScores(Vectors(music, null, mean, deviation)).ToDictionary(x => x.Query, x => x.Score);
            halfFit += b.Average(q => refitted[q]);
            fullFit += Mean(equal, b);
        }

        Console.WriteLine($"  standardisation fitted only on the clips of half the families ({fits} halves): {halfFit / fits:F3} on the other half's queries vs {fullFit / fits:F3} with the shipped constants");
        Console.WriteLine();
    }

    private static List<(string Family, float[] Vector)> Vectors(
        IEnumerable<MeasuredClip> clips, float[]? weights, float[]? mean = null, float[]? deviation = null) =>
        [.. clips.Select(m => (m.Family, BuiltinFeatureStandardisation.Apply(m.Raw, m.Seconds, weights, mean, deviation)))];

    private static List<float[]> WeightGrid(int blocks)
    {
        float[] levels = [0.5f, 0.75f, 1f, 1.5f, 2f];
        var grid = new List<float[]> { new float[blocks] };
        grid[0][0] = 1f;
        for (var b = 1; b < blocks; b++)
        {
            grid = [.. grid.SelectMany(w => levels.Select(level =>
            {
                var next = (float[])w.Clone();
                next[b] = level;
                return next;
            }))];
        }

        return grid;
    }

    private static string Format(float[] weights) => string.Join(" ", weights.Select(w => w.ToString("0.##", CultureInfo.InvariantCulture)));

    /// <summary>Per-feature mean and standard deviation (floored so constant features stay finite).</summary>
    private static (float[] Mean, float[] Deviation) Fit(IReadOnlyList<float[]> raw)
    {
        var dimension = raw[0].Length;
        var mean = new float[dimension];
        var deviation = new float[dimension];
        for (var d = 0; d < dimension; d++)
        {
            var m = raw.Average(r => (double)r[d]);
            var sd = Math.Sqrt(raw.Average(r => (r[d] - m) * (r[d] - m)));
            mean[d] = (float)m;
            deviation[d] = (float)Math.Max(sd, 1e-6 + (1e-3 * Math.Abs(m)));
        }

        return (mean, deviation);
    }

    /// <summary>The whole of BuiltinStandardisationConstants.cs with the constants fitted on every given clip.</summary>
    private static string StandardisationSource(IReadOnlyList<float[]> raw)
    {
        var (mean, deviation) = Fit(raw);
        var source = new StringBuilder();
        source.Append("""
            namespace Harmonie.Engines.Embeddings;

            /// <summary>
            /// Per-feature mean and standard deviation of the raw built-in features, in
            /// <see cref="BuiltinEmbeddingExtractor.FeatureNames"/> order. This file is the output of
            /// <c>harmonie-bench embedding --fit-standardisation</c> over every readable clip of the developer
            /// set (no labels used); fixed so that a track's vector never depends on the user's library.
            /// </summary>
            internal static class BuiltinStandardisationConstants
            {

            """);
        source.AppendLine($"    // Fitted on {raw.Count} clips.");
        AppendArray(source, "Mean", mean);
        source.AppendLine();
        AppendArray(source, "Deviation", deviation);
        source.Append('}');
        return source.ToString();
    }

    private static void AppendArray(StringBuilder source, string name, float[] values)
    {
        source.AppendLine($"    public static readonly float[] {name} =");
        source.AppendLine("    [");
        foreach (var line in values.Chunk(6))
        {
            source.AppendLine("        " + string.Join(" ", line.Select(v => v.ToString("R", CultureInfo.InvariantCulture) + "f,")));
        }

        source.AppendLine("    ];");
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

    private sealed record MeasuredClip(string Path, string Family, string Expect, string? Piece, float[] Raw, double Seconds);

    private sealed class DiscardingFrameSink : IMelFrameSink
    {
        public void OnFrame(ReadOnlySpan<float> logMel)
        {
        }
    }
}
