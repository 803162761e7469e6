using System.CommandLine;
using System.Globalization;
using Harmonie.Filtering;
using Harmonie.Playlists;

namespace Harmonie.Bench;

/// <summary>
/// <c>harmonie-bench playlists</c>: in-process latency of <see cref="IPlaylistSessionGrain.StartAsync"/> (the whole
/// first batch of a new session) for each mode over the synthetic catalogs of <c>http</c>, with fresh session ids,
/// random seed tracks and random generator seeds.
/// </summary>
public static class PlaylistBenchmark
{
    public static Command CreateCommand()
    {
        var sizes = new Option<string>("--sizes") { Description = "Comma-separated catalog sizes.", DefaultValueFactory = _ => "10000,100000" };
        var runs = new Option<int>("--runs") { Description = "Playlists per mode.", DefaultValueFactory = _ => 100 };
        var count = new Option<int>("--n") { Description = "Tracks per playlist.", DefaultValueFactory = _ => 50 };
        var dimension = new Option<int>("--dim") { DefaultValueFactory = _ => 1280 };
        var centres = new Option<int>("--centres") { Description = "Gaussian style centres (8 sub-clusters each).", DefaultValueFactory = _ => 2000 };
        var dataDir = new Option<string?>("--data-dir") { Description = "Folder of the data directories (reuses what `http --data-dir` left); default: a temp folder, removed." };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 42 };
        var command = new Command("playlists", "In-process latency of playlist generation (similar, drift, vibe) over synthetic catalogs.");
        foreach (var option in new Option[] { sizes, runs, count, dimension, centres, dataDir, seed })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, ct) =>
        {
            var settings = new Settings(parse.GetValue(runs), parse.GetValue(count), parse.GetValue(seed));
            var results = new List<(int Size, string Mode, LatencySummary Summary)>();
            await using var root = new BenchDataRoot(parse.GetValue(dataDir), "playlists");
            Console.WriteLine(BenchMachine.Header("playlists"));
            foreach (var size in BenchDataRoot.ParseSizes(parse.GetValue(sizes)!))
            {
                var catalog = new SyntheticCatalog(size, parse.GetValue(dimension), parse.GetValue(centres), settings.Seed);
                foreach (var (mode, summary) in await RunSizeAsync(catalog, root.For(size), settings, ct))
                {
                    results.Add((size, mode, summary));
                }
            }

            Console.WriteLine();
            Console.WriteLine($"| tracks | mode | p50 ms | p95 ms | p99 ms | max ms |  {BenchMachine.Load()}");
            Console.WriteLine("|---:|---|---:|---:|---:|---:|");
            foreach (var (size, mode, s) in results)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {size:N0} | {mode} | {s.P50:F1} | {s.P95:F1} | {s.P99:F1} | {s.Max:F1} |"));
            }

            return 0;
        });
        return command;
    }

    private static async Task<List<(string Mode, LatencySummary Summary)>> RunSizeAsync(
        SyntheticCatalog catalog, string dataDir, Settings settings, CancellationToken cancellationToken)
    {
        Console.WriteLine();
        Console.WriteLine($"== {catalog.Size:N0} tracks ({catalog.Dimension}-d, model {SyntheticCatalog.Model}) ==");
        var wide = catalog.FilterKeeping(0.10);
        Console.WriteLine($"filter ≈10 %: {wide}");
        await using var service = await SyntheticService.StartAsync(catalog, dataDir, limit: 10, cancellationToken);
        var grains = service.Host.Grains;
        var random = new Random(settings.Seed);
        var modes = new (string Name, Func<PlaylistRequest> Request)[]
        {
            ("similar", () => Seeded(PlaylistMode.Similar, catalog, random, settings.N, null)),
            ("similar, ≈10 % filter", () => Seeded(PlaylistMode.Similar, catalog, random, settings.N, wide.ToTrackFilter())),
            ("drift", () => Seeded(PlaylistMode.Drift, catalog, random, settings.N, null)),
            ("drift, ≈10 % filter", () => Seeded(PlaylistMode.Drift, catalog, random, settings.N, wide.ToTrackFilter())),
            ("vibe, ≈10 % filter + bpm/danceability target", () => new PlaylistRequest
            {
                Mode = PlaylistMode.Vibe,
                N = settings.N,
                Filter = wide.ToTrackFilter(),
                Target = new VibeTarget { Bpm = wide.BpmMin + (random.NextDouble() * (wide.BpmMax - wide.BpmMin)), Danceability = 0.8 + (random.NextDouble() * 1.8) },
                RngSeed = random.NextInt64(),
            }),
        };

        Console.WriteLine();
        Console.WriteLine($"IPlaylistSessionGrain.StartAsync, n = {settings.N}, one at a time, ms; {BenchMachine.Load()}");
        var results = new List<(string, LatencySummary)>();
        foreach (var (name, request) in modes)
        {
            var shortPlaylists = 0;
            var summary = await LoadRunner.RunAsync(1, settings.Runs, async _ =>
            {
                var result = await grains.GetGrain<IPlaylistSessionGrain>(Guid.NewGuid()).StartAsync(request(), cancellationToken);
                if (result.Items.Count != settings.N)
                {
                    shortPlaylists++;
                }
            }, warmup: 5);
            Console.WriteLine($"  {name,-46} {summary}");
            if (shortPlaylists > 0)
            {
                Console.WriteLine($"    WARNING: {shortPlaylists} playlists had fewer than {settings.N} tracks");
            }

            results.Add((name, summary));
        }

        return results;
    }

    private static PlaylistRequest Seeded(PlaylistMode mode, SyntheticCatalog catalog, Random random, int n, TrackFilter? filter) => new()
    {
        Mode = mode,
        N = n,
        Seeds = [random.Next(1, catalog.Size + 1)],
        Filter = filter,
        RngSeed = random.NextInt64(),
    };

    private sealed record Settings(int Runs, int N, int Seed);
}
