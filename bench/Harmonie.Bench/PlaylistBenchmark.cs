using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Harmonie.Engines.Catalog;
using Harmonie.Engines.Playlists;
using Harmonie.Filtering;
using Harmonie.Grains.Similarity;
using Harmonie.Playlists;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Harmonie.Bench;

/// <summary>
/// <c>harmonie-bench playlists</c>: in-process latency of <see cref="IPlaylistSessionGrain.StartAsync"/> (the whole
/// first batch of a new session) for each mode over the synthetic catalogs of <c>http</c>, with fresh session ids,
/// random seed tracks and random generator seeds.
/// </summary>
public static class PlaylistBenchmark
{
    private static readonly TimeSpan WarmupPerMode = TimeSpan.FromSeconds(3);

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
        // A fresh host JIT-compiles and tiers up for a while; a long-running service is past that.
        foreach (var (_, request) in modes)
        {
            var warming = Stopwatch.StartNew();
            while (warming.Elapsed < WarmupPerMode)
            {
                await grains.GetGrain<IPlaylistSessionGrain>(Guid.NewGuid()).StartAsync(request(), cancellationToken);
            }
        }

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

        await ProfileAsync(service.Host, modes, settings, cancellationToken);
        return results;
    }

    /// <summary>
    /// Runs the same requests through the playlist engine directly with a timed copy of the service's track
    /// source, and prints medians of where the time goes: index reads (fan-out, shard searches) vs the engine.
    /// </summary>
    private static async Task ProfileAsync(BenchHost host, (string Name, Func<PlaylistRequest> Request)[] modes, Settings settings, CancellationToken cancellationToken)
    {
        var catalog = host.Services.GetRequiredService<ICatalog>();
        var shards = new IndexShards(host.Grains, catalog, host.Services.GetRequiredService<IOptions<SimilarityIndexOptions>>().Value);
        var options = new PlaylistEngineOptions { ScoreTolerance = 1e-6 }; // as PlaylistSessionGrain
        var runs = Math.Max(10, settings.Runs / 2);
        Console.WriteLine();
        Console.WriteLine($"where the time goes: PlaylistSession + the service's track source with timers, {runs} playlists per mode, medians in ms");
        Console.WriteLine($"  {"mode",-46} {"total",7} {"index reads",12} {"NearestAsync",13} {"calls",6} {"candidates",11} {"Matching",9} {"engine",7}");
        foreach (var (name, request) in modes)
        {
            var rows = new List<(double Total, TimedPlaylistTrackSource Source)>();
            for (var i = 0; i < runs + 3; i++)
            {
                var playlist = request();
                var source = new TimedPlaylistTrackSource(shards, catalog, playlist.Filter ?? TrackFilter.None);
                var started = Stopwatch.GetTimestamp();
                var session = await PlaylistSession.StartAsync(playlist, source, options, cancellationToken);
                await session.NextAsync(playlist.N, cancellationToken);
                if (i >= 3)
                {
                    rows.Add((Stopwatch.GetElapsedTime(started).TotalMilliseconds, source));
                }
            }

            double Median(Func<(double Total, TimedPlaylistTrackSource Source), double> value) =>
                LatencySummary.Percentile([.. rows.Select(value).Order()], 0.5);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  {name,-46} {Median(r => r.Total),7:F1} {Median(r => r.Source.TotalMs),12:F1} {Median(r => r.Source.NearestMs),13:F1} {Median(r => r.Source.NearestCalls),6:F0} {Median(r => r.Source.NearestCandidates),11:F0} {Median(r => r.Source.MatchingMs),9:F1} {Median(r => r.Total - r.Source.TotalMs),7:F1}"));
        }
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
