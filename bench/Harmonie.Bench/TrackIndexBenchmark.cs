using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Harmonie.Engines.Filtering;
using Harmonie.Engines.Similarity;
using Harmonie.Engines.VectorIndex;
using Harmonie.Filtering;
using Harmonie.Tracks;

namespace Harmonie.Bench;

/// <summary>
/// <c>harmonie-bench track-index</c>: the index shard's engine (<see cref="TrackIndex"/>, no grains, no HTTP) over a
/// <see cref="SyntheticCatalog"/>, so the cost of a filtered <c>/similar</c> can be split into filter evaluation and
/// vector search. Measures unfiltered and filtered search latency and recall@10 against an exact scan of the
/// tracks the filter keeps, and the <c>/tracks</c> listing with the same filter (first row by id).
/// </summary>
public static class TrackIndexBenchmark
{
    private const int K = 10;
    private const int RecallQueries = 50;
    private const int VectorBatch = 500;

    public static Command CreateCommand()
    {
        var sizes = new Option<string>("--sizes") { Description = "Comma-separated catalog sizes.", DefaultValueFactory = _ => "100000" };
        var queries = new Option<int>("--queries") { Description = "Queries per measurement.", DefaultValueFactory = _ => 400 };
        var dimension = new Option<int>("--dim") { DefaultValueFactory = _ => 1280 };
        var centres = new Option<int>("--centres") { DefaultValueFactory = _ => 2000 };
        var dataDirectory = new Option<string?>("--data-dir")
        {
            Description = "Data directories of the http benchmark (<dir>/<size>): their index snapshot is reused, or written when missing (default: build in memory).",
        };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 42 };

        var command = new Command("track-index", "Index shard engine: unfiltered vs filtered search latency and recall, filter evaluation cost.");
        foreach (var option in new Option[] { sizes, queries, dimension, centres, dataDirectory, seed })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            Console.WriteLine(BenchMachine.Header("track-index"));
            foreach (var size in parse.GetValue(sizes)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => int.Parse(s, CultureInfo.InvariantCulture)))
            {
                var catalog = new SyntheticCatalog(size, parse.GetValue(dimension), parse.GetValue(centres), parse.GetValue(seed));
                var snapshot = parse.GetValue(dataDirectory) is { } root
                    ? Path.Combine(root, size.ToString(CultureInfo.InvariantCulture), "index", SyntheticCatalog.Model + "_0")
                    : null;
                await RunSizeAsync(catalog, snapshot, parse.GetValue(queries), parse.GetValue(seed), cancellationToken);
            }

            return 0;
        });
        return command;
    }

    private static async Task RunSizeAsync(SyntheticCatalog catalog, string? snapshot, int queryCount, int seed, CancellationToken cancellationToken)
    {
        Console.WriteLine();
        Console.WriteLine($"== {catalog.Size:N0} tracks ({catalog.Description}) ==");
        var filters = new (string Name, TrackFilter Filter)[]
        {
            ("unfiltered", TrackFilter.None),
            ("≈10 % style+bpm", Describe(catalog.FilterKeeping(0.10))),
            ("≈1 % style+bpm", Describe(catalog.FilterKeeping(0.01))),
            ("bpm 118..122", new TrackFilter { Bpm = new NumericRange(118, 122) }),
            ("genre Rock", new TrackFilter { Genres = ["Rock"] }),
        };

        var started = Stopwatch.StartNew();
        using var index = await OpenAsync(catalog, snapshot, cancellationToken);
        Console.WriteLine($"index: {index.Count:N0} rows, {index.VectorCount:N0} vectors, ready in {started.Elapsed.TotalSeconds:F1} s ({BenchMachine.Load()})");

        var random = new Random(seed);
        var queryIds = Enumerable.Range(0, queryCount).Select(_ => (long)random.Next(1, catalog.Size + 1)).ToArray();
        var queries = queryIds.Select(id => index.TryGetVector(id, out var v) ? v : throw new InvalidOperationException($"track {id} has no vector")).ToArray();

        Console.WriteLine();
        Console.WriteLine($"latency (ms) of TrackIndex calls, one at a time, {queryCount} queries each after a warm-up; recall@{K} over {RecallQueries} queries; {BenchMachine.Load()}");
        double? unfilteredP50 = null;
        foreach (var (name, filter) in filters)
        {
            var compiled = TrackFilterEvaluator.Compile(filter);
            var kept = index.Query(compiled, TrackOrder.Id, 1).Total;
            var search = Time(queries.Length, q => index.Search(queries[q], K, TrackFilterEvaluator.Compile(filter), new HashSet<long> { queryIds[q] }));
            var listing = Time(queries.Length, _ => index.Query(TrackFilterEvaluator.Compile(filter), TrackOrder.Id, 1));
            var recall = Recall(index, queries, queryIds, compiled);
            unfilteredP50 ??= search.P50;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  {name,-18} keeps {kept,9:N0}  search p50 {search.P50,7:F2}  p95 {search.P95,7:F2}  ({search.P50 / unfilteredP50.Value,4:F1}× unfiltered p50)  /tracks listing p50 {listing.P50,6:F2}  recall@{K} {recall:F4}"));
        }
    }

    private static TrackFilter Describe(SyntheticFilter filter)
    {
        Console.WriteLine($"filter: {filter}");
        return filter.ToTrackFilter();
    }

    private static async Task<TrackIndex> OpenAsync(SyntheticCatalog catalog, string? snapshot, CancellationToken cancellationToken)
    {
        var index = snapshot is null ? new TrackIndex() : await TrackIndex.LoadAsync(snapshot, options: null, cancellationToken);
        var stale = new List<TrackRecord>();
        for (var id = 1L; id <= catalog.Size; id++)
        {
            var track = catalog.Row(id);
            index.Upsert(track);
            if (!index.HasCurrentVector(track))
            {
                stale.Add(track);
            }
        }

        if (stale.Count == 0)
        {
            return index;
        }

        Console.WriteLine($"index: building the graph for {stale.Count:N0} vectors (no usable snapshot)");
        var wanted = stale.Select(t => t.Id).ToHashSet();
        var batch = new List<(TrackRecord, float[])>(VectorBatch);
        foreach (var imported in catalog.Tracks().Where(t => wanted.Contains(t.Track.Id)))
        {
            batch.Add((imported.Track, imported.Embedding!.Vector));
            if (batch.Count == VectorBatch)
            {
                index.SetVectorsIfCurrent(batch);
                batch.Clear();
            }
        }

        index.SetVectorsIfCurrent(batch);
        if (snapshot is not null)
        {
            await index.SaveAsync(snapshot, cancellationToken);
        }

        return index;
    }

    private static (double P50, double P95) Time(int count, Action<int> call)
    {
        var warmUp = Stopwatch.StartNew();
        for (var q = 0; warmUp.Elapsed < TimeSpan.FromSeconds(1.5); q = (q + 1) % count)
        {
            call(q);
        }

        var latencies = new double[count];
        for (var q = 0; q < count; q++)
        {
            var started = Stopwatch.GetTimestamp();
            call(q);
            latencies[q] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(latencies);
        return (LatencySummary.Percentile(latencies, 0.50), LatencySummary.Percentile(latencies, 0.95));
    }

    /// <summary>Share of the exact top-k (every kept track's vector scored in float64) that the search returned.</summary>
    private static double Recall(TrackIndex index, float[][] queries, long[] queryIds, CompiledTrackFilter filter)
    {
        var kept = index.Matching(filter).Select(t => t.Id).ToArray();
        var vectors = kept.Select(id => index.TryGetVector(id, out var v) ? v : null).ToArray();
        var hits = 0;
        var wanted = 0;
        for (var q = 0; q < Math.Min(RecallQueries, queries.Length); q++)
        {
            var query = queries[q];
            var truth = kept.Select((id, i) => (Id: id, Vector: vectors[i]))
                .Where(c => c.Vector is not null && c.Id != queryIds[q])
                .Select(c => (c.Id, Score: VectorMath.Dot(query, c.Vector!)))
                .OrderByDescending(c => c.Score).ThenBy(c => c.Id)
                .Take(K).Select(c => c.Id).ToHashSet();
            var found = index.Search(query, K, filter, new HashSet<long> { queryIds[q] });
            hits += found.Count(m => truth.Contains(m.Track.Id));
            wanted += truth.Count;
        }

        return wanted == 0 ? 1 : hits / (double)wanted;
    }
}
