using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Harmonie.Engines.Audio;
using Harmonie.Scanning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Harmonie.Bench;

/// <summary>
/// <c>harmonie-bench rescan</c>: writes a library of short WAV files, scans it once through the real service
/// (in-process host, LiteDB, built-in embedding) while sampling memory, then times rescans of the unchanged
/// library with their phase split.
/// </summary>
public static class RescanBenchmark
{
    private static readonly ScanPhase[] TimedPhases = [ScanPhase.Enumerating, ScanPhase.Classifying, ScanPhase.Extracting, ScanPhase.Pruning];

    public static Command CreateCommand()
    {
        var files = new Option<int>("--files") { Description = "Audio files to generate.", DefaultValueFactory = _ => 10_000 };
        var folders = new Option<int>("--folders") { Description = "Album folders to spread them over.", DefaultValueFactory = _ => 100 };
        var seconds = new Option<double>("--seconds") { Description = "Length of each file.", DefaultValueFactory = _ => 0.5 };
        var workers = new Option<int>("--workers") { Description = "HARMONIE_WORKERS (0 = usable CPUs).", DefaultValueFactory = _ => 0 };
        var rescans = new Option<int>("--rescans") { Description = "Rescans of the unchanged library to time.", DefaultValueFactory = _ => 3 };
        var managed = new Option<bool>("--managed-decoder") { Description = "Decode with the managed WAV reader instead of ffmpeg (as on a machine without ffmpeg)." };
        var directory = new Option<string?>("--dir") { Description = "Working folder (kept); default: a temp folder, removed afterwards." };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 42 };
        var command = new Command("rescan", "First scan (with peak memory) and rescans of an unchanged library of generated WAV files, through the real service.");
        foreach (var option in new Option[] { files, folders, seconds, workers, rescans, managed, directory, seed })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, ct) => RunAsync(
            new Settings(parse.GetValue(files), parse.GetValue(folders), parse.GetValue(seconds), parse.GetValue(workers), parse.GetValue(rescans), parse.GetValue(managed), parse.GetValue(seed)),
            parse.GetValue(directory),
            ct));
        return command;
    }

    private static async Task<int> RunAsync(Settings settings, string? directory, CancellationToken cancellationToken)
    {
        var temporary = directory is null;
        directory ??= Path.Combine(Path.GetTempPath(), $"harmonie-bench-rescan-{Guid.NewGuid():N}");
        var library = Path.Combine(directory, "library");
        var dataDir = Path.Combine(directory, "data");
        try
        {
            Console.WriteLine(BenchMachine.Header("rescan"));
            var generate = Stopwatch.StartNew();
            GeneratedWavLibrary.Create(library, settings.Files, settings.Folders, settings.Seconds, settings.Seed);
            var bytes = Directory.EnumerateFiles(library, "*.wav", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"library: {settings.Files:N0} WAV files of {settings.Seconds:F1} s (16-bit mono {GeneratedWavLibrary.SampleRate} Hz) in {settings.Folders} folders, {bytes / 1e6:F0} MB, written in {generate.Elapsed.TotalSeconds:F1} s"));

            Directory.CreateDirectory(dataDir);
            var hostSettings = BenchHost.DefaultSettings(dataDir, [library], settings.Workers);
            Action<IServiceCollection>? services = settings.ManagedDecoder
                ? s => s.Replace(ServiceDescriptor.Singleton<IAudioDecoder, WaveAudioDecoder>())
                : null;
            var (host, started) = await BenchHost.StartAsync(hostSettings, services);
            await using (host)
            {
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"host: started in {started.TotalSeconds:F1} s, workers {hostSettings.ResolvedWorkers}, decoder {(settings.ManagedDecoder ? "managed WAV reader" : "ffmpeg (the service default when installed)")}, built-in embedding, LiteDB"));
                Console.WriteLine();

                await using var sampler = new MemorySampler(TimeSpan.FromMilliseconds(100)) { Label = "before" };
                var first = await ScanWatcher.RunAsync(host, force: false, phase => sampler.Label = phase.ToString(), cancellationToken);
                sampler.Label = "after";
                PrintScan("first scan", first);
                if (first.Counters.Full != settings.Files)
                {
                    Console.WriteLine($"  WARNING: {first.Counters.Full} of {settings.Files} files analysed ({first.Counters.Failed} failed)");
                }

                PrintMemory(sampler.Samples);
                Console.WriteLine();

                var runs = new List<ScanRun>();
                for (var r = 0; r < settings.Rescans; r++)
                {
                    var rescan = await ScanWatcher.RunAsync(host, force: false, null, cancellationToken);
                    runs.Add(rescan);
                    PrintScan($"rescan {r + 1}", rescan);
                    if (rescan.Counters.Skipped != settings.Files)
                    {
                        Console.WriteLine($"  WARNING: {rescan.Counters.Skipped} of {settings.Files} files skipped");
                    }
                }

                Console.WriteLine();
                PrintSummary(first, runs);
                Console.WriteLine(BenchMachine.Load());
            }

            return 0;
        }
        finally
        {
            if (temporary && Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static void PrintScan(string name, ScanRun run)
    {
        var c = run.Counters;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{name}: {run.WallSeconds:F2} s (service: {run.ServiceSeconds:F2} s)  {Split(run)}"));
        Console.WriteLine($"  discovered {c.Discovered:N0}, full {c.Full:N0}, descriptors-only {c.DescriptorsOnly:N0}, skipped {c.Skipped:N0}, failed {c.Failed:N0}, removed {c.Removed:N0}");
    }

    private static string Split(ScanRun run) => string.Join(
        ", ", TimedPhases.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.ToString().ToLowerInvariant()} {run.SecondsIn(p):F2} s")));

    /// <summary>Peak over the first scan, median within each phase, and after the scan (forced collection).</summary>
    private static void PrintMemory(IReadOnlyList<MemorySample> samples)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        var scanning = samples.Where(s => Enum.TryParse<ScanPhase>(s.Label, out _)).ToList();
        var before = samples.Where(s => s.Label == "before").ToList();
        Console.WriteLine("memory while scanning (whole process: silo, HTTP, LiteDB cache, analysers; sampled every 100 ms):");
        if (before.Count > 0)
        {
            Console.WriteLine($"  before the scan:            working set {Mb(before[^1].WorkingSetBytes),6} MB   managed heap {Mb(before[^1].ManagedBytes),5} MB");
        }

        Console.WriteLine($"  peak during the scan:       working set {Mb(scanning.Max(s => s.WorkingSetBytes)),6} MB   managed heap {Mb(scanning.Max(s => s.ManagedBytes)),5} MB   ({scanning.Count} samples)");
        foreach (var group in scanning.GroupBy(s => s.Label))
        {
            var ws = group.Select(s => (double)s.WorkingSetBytes).Order().ToArray();
            var heap = group.Select(s => (double)s.ManagedBytes).Order().ToArray();
            Console.WriteLine($"  {group.Key.ToLowerInvariant() + " (median)",-27} working set {Mb((long)LatencySummary.Percentile(ws, 0.5)),6} MB   managed heap {Mb((long)LatencySummary.Percentile(heap, 0.5)),5} MB   ({ws.Length} samples)");
        }

        Console.WriteLine($"  after the scan, collected:  working set {Mb(process.WorkingSet64),6} MB   managed heap {Mb(GC.GetTotalMemory(false)),5} MB");
    }

    private static void PrintSummary(ScanRun first, IReadOnlyList<ScanRun> rescans)
    {
        Console.WriteLine("| scan | wall s | enumerate s | classify s | extract s | prune s | full | skipped |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, run) in rescans.Select((r, i) => ($"rescan {i + 1}", r)).Prepend(("first scan", first)))
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {name} | {run.WallSeconds:F2} | {run.SecondsIn(ScanPhase.Enumerating):F2} | {run.SecondsIn(ScanPhase.Classifying):F2} | {run.SecondsIn(ScanPhase.Extracting):F2} | {run.SecondsIn(ScanPhase.Pruning):F2} | {run.Counters.Full:N0} | {run.Counters.Skipped:N0} |"));
        }
    }

    private static string Mb(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("F0", CultureInfo.InvariantCulture);

    private sealed record Settings(int Files, int Folders, double Seconds, int Workers, int Rescans, bool ManagedDecoder, int Seed);
}
