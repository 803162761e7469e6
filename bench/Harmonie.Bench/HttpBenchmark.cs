using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Harmonie.Filtering;
using Harmonie.Similarity;
using Harmonie.Tracks;

namespace Harmonie.Bench;

/// <summary>
/// <c>harmonie-bench http</c>: the real host over synthetic catalogs (clustered 1280-d Discogs-EffNet vectors,
/// descriptors, style rows): index activation time, <c>/similar</c> (unfiltered and with ≈10 % / ≈1 % filters),
/// filtered <c>/tracks</c> and <c>/genres</c> latency over HTTP with concurrent clients and in-process through
/// <see cref="IIndexQueryGrain"/>, then a graceful restart and the time until full results are served again.
/// </summary>
public static class HttpBenchmark
{
    private const int ListLimit = 100;
    private static readonly TimeSpan WarmupPerProbe = TimeSpan.FromSeconds(1.5);

    public static Command CreateCommand()
    {
        var sizes = new Option<string>("--sizes") { Description = "Comma-separated catalog sizes.", DefaultValueFactory = _ => "10000,100000" };
        var clients = new Option<int>("--clients") { Description = "Concurrent HTTP clients.", DefaultValueFactory = _ => 4 };
        var requests = new Option<int>("--requests") { Description = "Requests per measurement (/genres: a quarter).", DefaultValueFactory = _ => 400 };
        var limit = new Option<int>("--limit") { Description = "Matches per /similar.", DefaultValueFactory = _ => 10 };
        var dimension = new Option<int>("--dim") { DefaultValueFactory = _ => 1280 };
        var centres = new Option<int>("--centres") { Description = "Gaussian style centres (8 sub-clusters each).", DefaultValueFactory = _ => 2000 };
        var dataDir = new Option<string?>("--data-dir") { Description = "Folder for the data directories (kept and reused by later runs, e.g. `playlists`); default: a temp folder, removed." };
        var restart = new Option<bool>("--restart") { Description = "Restart the host at the end and time the first full answer.", DefaultValueFactory = _ => true };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 42 };
        var command = new Command("http", "HTTP and in-process latency of /similar, filtered /tracks and /genres over synthetic catalogs, index activation and restart time.");
        foreach (var option in new Option[] { sizes, clients, requests, limit, dimension, centres, dataDir, restart, seed })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, ct) =>
        {
            var settings = new Settings(parse.GetValue(clients), parse.GetValue(requests), parse.GetValue(limit), parse.GetValue(restart), parse.GetValue(seed));
            var results = new List<SizeResult>();
            await using var root = new BenchDataRoot(parse.GetValue(dataDir), "http");
            Console.WriteLine(BenchMachine.Header("http"));
            foreach (var size in BenchDataRoot.ParseSizes(parse.GetValue(sizes)!))
            {
                var catalog = new SyntheticCatalog(size, parse.GetValue(dimension), parse.GetValue(centres), settings.Seed);
                results.Add(await RunSizeAsync(catalog, root.For(size), settings, ct));
            }

            PrintSummary(results, settings);
            return 0;
        });
        return command;
    }

    private static async Task<SizeResult> RunSizeAsync(SyntheticCatalog catalog, string dataDir, Settings settings, CancellationToken cancellationToken)
    {
        Console.WriteLine();
        Console.WriteLine($"== {catalog.Size:N0} tracks ({catalog.Dimension}-d, model {SyntheticCatalog.Model}) ==");
        var wide = catalog.FilterKeeping(0.10);
        var narrow = catalog.FilterKeeping(0.01);
        Console.WriteLine($"filter ≈10 %: {wide}");
        Console.WriteLine($"filter ≈1 %:  {narrow}");
        await using var service = await SyntheticService.StartAsync(catalog, dataDir, settings.Limit, cancellationToken);
        var host = service.Host;
        var random = new Random(settings.Seed);
        var ids = Enumerable.Range(0, 1000).Select(_ => (long)random.Next(1, catalog.Size + 1)).ToArray();
        var shortAnswers = 0;

        async Task HttpSimilar(int n, SyntheticFilter? filter)
        {
            var query = string.Create(CultureInfo.InvariantCulture, $"tracks/{ids[n % ids.Length]}/similar?limit={settings.Limit}") + (filter is null ? "" : "&" + filter.ToQuery());
            using var json = await GetJsonAsync(host.Client, query, cancellationToken);
            if (json.RootElement.GetProperty("matches").GetArrayLength() != settings.Limit)
            {
                Interlocked.Increment(ref shortAnswers);
            }
        }

        async Task HttpList(SyntheticFilter filter)
        {
            using var json = await GetJsonAsync(host.Client, string.Create(CultureInfo.InvariantCulture, $"tracks?limit={ListLimit}&{filter.ToQuery()}"), cancellationToken);
            if (json.RootElement.GetProperty("total").GetInt64() != filter.Kept)
            {
                throw new InvalidOperationException($"/tracks?{filter.ToQuery()} counted {json.RootElement.GetProperty("total")} tracks, expected {filter.Kept}");
            }
        }

        var grain = host.Grains.GetGrain<IIndexQueryGrain>(0);

        async Task InProcessSimilar(int n, TrackFilter filter)
        {
            var result = await grain.SimilarAsync(ids[n % ids.Length], settings.Limit, false, filter, cancellationToken);
            if (result.Matches.Count != settings.Limit)
            {
                Interlocked.Increment(ref shortAnswers);
            }
        }

        var r = settings.Requests;
        var genres = Math.Max(20, r / 4);
        var probes = new List<(string Name, int Clients, int Requests, Func<int, Task> Request)>();
        foreach (var clients in new[] { 1, settings.Clients })
        {
            probes.Add(("HTTP /similar", clients, r, n => HttpSimilar(n, null)));
            probes.Add(("HTTP /similar ≈10 % filter", clients, r, n => HttpSimilar(n, wide)));
            probes.Add(("HTTP /similar ≈1 % filter", clients, r, n => HttpSimilar(n, narrow)));
            probes.Add(("HTTP /tracks ≈10 % filter", clients, r, _ => HttpList(wide)));
            probes.Add(("HTTP /tracks ≈1 % filter", clients, r, _ => HttpList(narrow)));
            probes.Add(("HTTP /genres", clients, genres, async _ => (await GetJsonAsync(host.Client, "genres", cancellationToken)).Dispose()));
        }

        probes.Add(("in-process SimilarAsync", 1, r, n => InProcessSimilar(n, TrackFilter.None)));
        probes.Add(("in-process SimilarAsync ≈10 % filter", 1, r, n => InProcessSimilar(n, wide.ToTrackFilter())));
        probes.Add(("in-process SimilarAsync ≈1 % filter", 1, r, n => InProcessSimilar(n, narrow.ToTrackFilter())));
        probes.Add(("in-process ListAsync ≈10 % filter", 1, r, _ => grain.ListAsync(new TrackListQuery { Limit = ListLimit }, wide.ToTrackFilter(), cancellationToken)));
        probes.Add(("in-process GenresAsync", 1, genres, _ => grain.GenresAsync(0, cancellationToken)));

        // A fresh host JIT-compiles and tiers up for a while; a long-running service is past that.
        foreach (var probe in probes.Where(p => p.Clients == 1))
        {
            var warming = Stopwatch.StartNew();
            for (var n = 0; warming.Elapsed < WarmupPerProbe; n++)
            {
                await probe.Request(n);
            }
        }

        Console.WriteLine();
        Console.WriteLine($"latency (ms), /similar limit={settings.Limit}, /tracks limit={ListLimit}; cpu = whole process (server and client) per request; {BenchMachine.Load()}");
        var rows = new List<Row>();
        foreach (var (name, clients, requests, request) in probes)
        {
            var summary = await LoadRunner.RunAsync(clients, requests, request);
            rows.Add(new Row(name, clients, summary));
            Console.WriteLine($"  {name,-36} {clients,2} client(s)  {summary}");
        }

        if (shortAnswers > 0)
        {
            Console.WriteLine($"  WARNING: {shortAnswers} /similar answers had fewer than {settings.Limit} matches");
        }

        IndexWarmupResult? restart = null;
        if (settings.Restart)
        {
            var before = await SimilarIdsAsync(host.Client, ids[0], settings.Limit, cancellationToken);
            var stop = await host.StopAsync();
            var cpu = IndexWarmup.ProcessCpu();
            var since = Stopwatch.StartNew();
            var start = await host.RestartAsync();
            restart = await IndexWarmup.WaitAsync(host, since, cpu, ids[0], settings.Limit, catalog.Size, waitForSnapshot: false, cancellationToken);
            var after = await SimilarIdsAsync(host.Client, ids[0], settings.Limit, cancellationToken);
            Console.WriteLine();
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"restart: graceful stop {stop.TotalSeconds:F1} s; new host started in {start.TotalSeconds:F1} s; first /similar answer after {restart.FirstAnswer:F1} s, full results after {restart.FullAnswer:F1} s ({restart.FullAnswerCpu:F1} CPU-s), all vectors present after {restart.AllVectors:F1} s; same results as before: {before.SequenceEqual(after)}"));
        }

        return new SizeResult(catalog.Size, service.Warmup, rows, restart, wide, narrow);
    }

    private static async Task<JsonDocument> GetJsonAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
    }

    private static async Task<long[]> SimilarIdsAsync(HttpClient client, long id, int limit, CancellationToken cancellationToken)
    {
        using var json = await GetJsonAsync(client, string.Create(CultureInfo.InvariantCulture, $"tracks/{id}/similar?limit={limit}"), cancellationToken);
        return [.. json.RootElement.GetProperty("matches").EnumerateArray().Select(m => m.GetProperty("track_id").GetInt64())];
    }

    private static void PrintSummary(IReadOnlyList<SizeResult> results, Settings settings)
    {
        Console.WriteLine();
        Console.WriteLine($"p95 ms (p50 in brackets); HTTP with {settings.Clients} concurrent clients unless noted; in-process one call at a time. {BenchMachine.Load()}");
        Console.WriteLine("| tracks | index ready s | HTTP /similar (1 client) | HTTP /similar | ≈10 % filter | ≈1 % filter | /tracks ≈10 % | /genres | in-process /similar | in-proc ≈10 % | in-proc ≈1 % | restart → full results s |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var result in results)
        {
            string Cell(string name, int clients) =>
                result.Rows.FirstOrDefault(r => r.Name == name && r.Clients == clients) is { } row
                    ? string.Create(CultureInfo.InvariantCulture, $"{row.Summary.P95:F1} ({row.Summary.P50:F1})")
                    : "-";
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {result.Size:N0} | {result.Warmup.AllVectors:F0} | {Cell("HTTP /similar", 1)} | {Cell("HTTP /similar", settings.Clients)} | {Cell("HTTP /similar ≈10 % filter", settings.Clients)} | {Cell("HTTP /similar ≈1 % filter", settings.Clients)} | {Cell("HTTP /tracks ≈10 % filter", settings.Clients)} | {Cell("HTTP /genres", settings.Clients)} | {Cell("in-process SimilarAsync", 1)} | {Cell("in-process SimilarAsync ≈10 % filter", 1)} | {Cell("in-process SimilarAsync ≈1 % filter", 1)} | {(result.Restart is { } restart ? restart.FullAnswer.ToString("F1", CultureInfo.InvariantCulture) : "-")} |"));
        }
    }

    private sealed record Settings(int Clients, int Requests, int Limit, bool Restart, int Seed);

    private sealed record Row(string Name, int Clients, LatencySummary Summary);

    private sealed record SizeResult(int Size, IndexWarmupResult Warmup, IReadOnlyList<Row> Rows, IndexWarmupResult? Restart, SyntheticFilter Wide, SyntheticFilter Narrow);
}
