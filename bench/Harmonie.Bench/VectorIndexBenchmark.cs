using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Harmonie.Engines.VectorIndex;

namespace Harmonie.Bench;

/// <summary>
/// <c>harmonie bench index</c>: builds <see cref="EmbeddingIndex"/> instances over synthetic clustered
/// embeddings and measures build time, memory, search latency and recall, filtered search, and snapshot
/// save/load. The data is hierarchical (style centres → sub-clusters → per-track noise), deterministic per seed.
/// </summary>
public static class VectorIndexBenchmark
{
    private const int K = 10;
    private const int SubClustersPerCentre = 8;
    private const double SubClusterSpread = 0.5;
    private const double TrackNoise = 0.35;

    public static Command CreateCommand()
    {
        var sizes = new Option<string>("--sizes") { Description = "Comma-separated index sizes.", DefaultValueFactory = _ => "10000,100000" };
        var dimension = new Option<int>("--dim") { Description = "Embedding dimension.", DefaultValueFactory = _ => 1280 };
        var queries = new Option<int>("--queries") { Description = "Queries per measurement.", DefaultValueFactory = _ => 200 };
        var centres = new Option<int>("--centres") { Description = "Gaussian style centres.", DefaultValueFactory = _ => 2000 };
        var batch = new Option<int>("--batch") { Description = "Vectors per streamed build batch.", DefaultValueFactory = _ => 10_000 };
        var strategy = new Option<VectorSearchStrategy>("--strategy") { Description = "Search strategy (Auto, Exact, Graph).", DefaultValueFactory = _ => VectorSearchStrategy.Auto };
        var expansionSearch = new Option<int>("--ef-search") { Description = "HNSW ef at query time.", DefaultValueFactory = _ => new EmbeddingIndexOptions().ExpansionSearch };
        var dataDirectory = new Option<string?>("--data-dir") { Description = "Where snapshots are written (default: a temp folder, removed afterwards)." };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 42 };

        var command = new Command("index", "Vector index: build, memory, search p50/p95, recall@10, filtered search, snapshot save/load.");
        foreach (var option in new Option[] { sizes, dimension, queries, centres, batch, strategy, expansionSearch, dataDirectory, seed })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = new Settings(
                parse.GetValue(dimension),
                parse.GetValue(queries),
                parse.GetValue(centres),
                parse.GetValue(batch),
                parse.GetValue(strategy),
                parse.GetValue(expansionSearch),
                parse.GetValue(seed));
            var sizeList = parse.GetValue(sizes)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            var root = parse.GetValue(dataDirectory);
            var temporary = root is null;
            root ??= Path.Combine(Path.GetTempPath(), $"harmonie-bench-index-{Guid.NewGuid():N}");
            try
            {
                Console.WriteLine($"harmonie bench index  {DateTime.UtcNow:yyyy-MM-dd HH:mm}Z  {Environment.ProcessorCount} cores  .NET {Environment.Version}");
                Console.WriteLine($"dim {settings.Dimension}, {settings.Centres} centres × {SubClustersPerCentre} sub-clusters, queries {settings.Queries}, strategy {settings.Strategy}, ef_search {settings.ExpansionSearch}, seed {settings.Seed}");
                var data = new SyntheticEmbeddings(settings.Dimension, settings.Centres, settings.Seed);
                var results = new List<SizeResult>();
                foreach (var size in sizeList)
                {
                    results.Add(await RunSizeAsync(size, settings, data, Path.Combine(root, size.ToString(CultureInfo.InvariantCulture)), cancellationToken));
                }

                PrintSummary(results);
                return 0;
            }
            finally
            {
                if (temporary && Directory.Exists(root))
                {
                    Directory.Delete(root, recursive: true);
                }
            }
        });
        return command;
    }

    private static async Task<SizeResult> RunSizeAsync(int size, Settings settings, SyntheticEmbeddings data, string directory, CancellationToken cancellationToken)
    {
        Console.WriteLine();
        Console.WriteLine($"== {size:N0} vectors ==");
        var options = new EmbeddingIndexOptions { SearchStrategy = settings.Strategy, ExpansionSearch = settings.ExpansionSearch };
        var memoryBefore = MemorySnapshot.Take();
        var index = new EmbeddingIndex(settings.Dimension, options);
        var build = Stopwatch.StartNew();
        var ids = new long[settings.Batch];
        var vectors = new float[settings.Batch * settings.Dimension];
        for (var start = 0; start < size; start += settings.Batch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(settings.Batch, size - start);
            data.Fill(start, count, ids, vectors);
            index.UpsertRange(ids.AsSpan(0, count), vectors.AsSpan(0, count * settings.Dimension));
            var done = start + count;
            var rate = done / build.Elapsed.TotalSeconds;
            Console.WriteLine($"  built {done,9:N0}/{size:N0}  {rate,7:N0} vec/s  elapsed {build.Elapsed.TotalSeconds,7:N0} s  eta {(size - done) / rate,6:N0} s");
        }

        build.Stop();
        var memory = MemorySnapshot.Take().Minus(memoryBefore);
        Console.WriteLine($"  build {build.Elapsed.TotalSeconds:F1} s ({size / build.Elapsed.TotalSeconds:N0} vec/s); managed +{Mb(memory.ManagedBytes)} MB, RSS +{Mb(memory.ResidentBytes)} MB (vectors {Mb(index.VectorMemoryBytes)} MB, graph {Mb(index.GraphMemoryBytes)} MB)");

        var queryVectors = data.Queries(settings.Queries);
        var unfiltered = Measure(index, queryVectors, settings.Dimension, filter: null);
        Console.WriteLine($"  search top-{K}: {unfiltered}");

        var tenPercent = data.AllowedIds(size, fraction: 0.10);
        var onePercent = data.AllowedIds(size, fraction: 0.01);
        var filtered10 = Measure(index, queryVectors, settings.Dimension, new VectorFilter(tenPercent));
        Console.WriteLine($"  filtered 10% ({tenPercent.Count:N0} ids): {filtered10}");
        var filtered1 = Measure(index, queryVectors, settings.Dimension, new VectorFilter(onePercent));
        Console.WriteLine($"  filtered 1% ({onePercent.Count:N0} ids): {filtered1}");

        var probe = queryVectors.AsSpan(0, settings.Dimension).ToArray();
        var expected = index.Search(probe, K);
        Directory.CreateDirectory(directory);
        var save = Stopwatch.StartNew();
        await index.SaveAsync(directory, watermark: size, cancellationToken);
        save.Stop();
        var snapshotBytes = Directory.GetFiles(directory).Sum(f => new FileInfo(f).Length);
        index.Dispose();
        GC.Collect();

        var load = Stopwatch.StartNew();
        var loaded = await EmbeddingIndex.LoadAsync(directory, options, cancellationToken);
        var loadSeconds = load.Elapsed.TotalSeconds;
        var first = loaded.Index.Search(probe, K);
        var firstQuerySeconds = load.Elapsed.TotalSeconds;
        var identical = first.SequenceEqual(expected);
        loaded.Index.Dispose();
        Console.WriteLine($"  snapshot {Mb(snapshotBytes)} MB: save {save.Elapsed.TotalSeconds:F2} s, load {loadSeconds:F2} s, first query after {firstQuerySeconds:F2} s, graph rebuilt {loaded.GraphRebuilt}, same results {identical}");
        Directory.Delete(directory, recursive: true);

        return new SizeResult(size, build.Elapsed.TotalSeconds, memory, unfiltered, filtered10, filtered1, save.Elapsed.TotalSeconds, loadSeconds, firstQuerySeconds, loaded.GraphRebuilt, snapshotBytes);
    }

    private static Measurement Measure(EmbeddingIndex index, float[] queries, int dimension, VectorFilter? filter)
    {
        var count = queries.Length / dimension;
        for (var q = 0; q < Math.Min(count, 10); q++)
        {
            index.Search(queries.AsSpan(q * dimension, dimension), K, filter);
        }

        var latencies = new double[count];
        var exactLatencies = new double[count];
        var hits = 0;
        for (var q = 0; q < count; q++)
        {
            var query = queries.AsSpan(q * dimension, dimension);
            var started = Stopwatch.GetTimestamp();
            var matches = index.Search(query, K, filter);
            latencies[q] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            started = Stopwatch.GetTimestamp();
            var truth = index.SearchExact(query, K, filter);
            exactLatencies[q] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            hits += matches.Select(m => m.Id).Intersect(truth.Select(m => m.Id)).Count();
        }

        return new Measurement(Percentile(latencies, 0.50), Percentile(latencies, 0.95), Percentile(exactLatencies, 0.50), hits / (double)(count * K));
    }

    private static double Percentile(double[] values, double fraction)
    {
        var sorted = values.Order().ToArray();
        return sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(fraction * sorted.Length) - 1)];
    }

    private static void PrintSummary(List<SizeResult> results)
    {
        Console.WriteLine();
        Console.WriteLine("| size | build s | vec/s | RSS +MB | managed +MB | p50 ms | p95 ms | exact p50 ms | recall@10 | 10% p50/p95 ms | 10% recall | 1% p50/p95 ms | 1% recall | snapshot MB | save s | load s | first query s | rebuilt |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in results)
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {r.Size:N0} | {r.BuildSeconds:F1} | {r.Size / r.BuildSeconds:N0} | {Mb(r.Memory.ResidentBytes)} | {Mb(r.Memory.ManagedBytes)} | {r.Unfiltered.P50:F2} | {r.Unfiltered.P95:F2} | {r.Unfiltered.ExactP50:F2} | {r.Unfiltered.Recall:F4} | {r.Filtered10.P50:F2}/{r.Filtered10.P95:F2} | {r.Filtered10.Recall:F4} | {r.Filtered1.P50:F2}/{r.Filtered1.P95:F2} | {r.Filtered1.Recall:F4} | {Mb(r.SnapshotBytes)} | {r.SaveSeconds:F2} | {r.LoadSeconds:F2} | {r.FirstQuerySeconds:F2} | {r.GraphRebuilt} |"));
        }
    }

    private static string Mb(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("N0", CultureInfo.InvariantCulture);

    private sealed record Settings(int Dimension, int Queries, int Centres, int Batch, VectorSearchStrategy Strategy, int ExpansionSearch, int Seed);

    private sealed record Measurement(double P50, double P95, double ExactP50, double Recall)
    {
        public override string ToString() => string.Create(
            CultureInfo.InvariantCulture, $"p50 {P50:F2} ms, p95 {P95:F2} ms, exact scan p50 {ExactP50:F2} ms, recall@{K} {Recall:F4}");
    }

    private sealed record SizeResult(
        int Size,
        double BuildSeconds,
        MemorySnapshot Memory,
        Measurement Unfiltered,
        Measurement Filtered10,
        Measurement Filtered1,
        double SaveSeconds,
        double LoadSeconds,
        double FirstQuerySeconds,
        bool GraphRebuilt,
        long SnapshotBytes);

    private sealed record MemorySnapshot(long ManagedBytes, long ResidentBytes)
    {
        public static MemorySnapshot Take()
        {
            var managed = GC.GetTotalMemory(forceFullCollection: true);
            using var process = Process.GetCurrentProcess();
            return new MemorySnapshot(managed, process.WorkingSet64);
        }

        public MemorySnapshot Minus(MemorySnapshot other) => new(ManagedBytes - other.ManagedBytes, ResidentBytes - other.ResidentBytes);
    }

    /// <summary>
    /// Track i: centre c(i), sub-cluster s(i), vector = centre + 0.5·sub-offset + 0.35·noise (components N(0,1)).
    /// Deterministic per (seed, i), so any batch can be generated independently. Each track also gets a style
    /// (its centre) and a tempo, used to build filters like "style X, BPM range".
    /// </summary>
    private sealed class SyntheticEmbeddings
    {
        private readonly int _dimension;
        private readonly int _centres;
        private readonly int _seed;
        private readonly float[] _centreVectors;
        private readonly float[] _subOffsets;

        public SyntheticEmbeddings(int dimension, int centres, int seed)
        {
            _dimension = dimension;
            _centres = centres;
            _seed = seed;
            _centreVectors = Gaussians(new Random(seed), centres * dimension);
            _subOffsets = Gaussians(new Random(seed + 1), centres * SubClustersPerCentre * dimension);
        }

        public void Fill(int firstTrack, int count, long[] ids, float[] vectors)
        {
            Parallel.For(0, count, i =>
            {
                var track = firstTrack + i;
                ids[i] = track + 1L;
                Point(track, vectors.AsSpan(i * _dimension, _dimension));
            });
        }

        public float[] Queries(int count)
        {
            var queries = new float[count * _dimension];
            Parallel.For(0, count, q => Point(int.MaxValue - q, queries.AsSpan(q * _dimension, _dimension)));
            return queries;
        }

        /// <summary>About <paramref name="fraction"/> of the ids: a few styles, then a tempo window to hit the target.</summary>
        public HashSet<long> AllowedIds(int size, double fraction)
        {
            var styles = Math.Max(1, (int)Math.Ceiling(fraction * 2 * _centres));
            var tempoShare = fraction * _centres / styles;
            var allowed = new HashSet<long>();
            for (var track = 0; track < size; track++)
            {
                var random = TrackRandom(track);
                var centre = random.Next(_centres);
                random.Next(SubClustersPerCentre);
                var tempo = random.NextDouble();
                if (centre < styles && tempo < tempoShare)
                {
                    allowed.Add(track + 1L);
                }
            }

            return allowed;
        }

        private void Point(int track, Span<float> destination)
        {
            var random = TrackRandom(track);
            var centre = random.Next(_centres);
            var sub = random.Next(SubClustersPerCentre);
            random.NextDouble();
            var centreVector = _centreVectors.AsSpan(centre * _dimension, _dimension);
            var subOffset = _subOffsets.AsSpan(((centre * SubClustersPerCentre) + sub) * _dimension, _dimension);
            for (var d = 0; d < _dimension; d++)
            {
                destination[d] = (float)(centreVector[d] + (SubClusterSpread * subOffset[d]) + (TrackNoise * Gaussian(random)));
            }
        }

        private Random TrackRandom(int track) => new(unchecked((_seed * 1_000_003) + track));

        private static float[] Gaussians(Random random, int count)
        {
            var values = new float[count];
            for (var i = 0; i < count; i++)
            {
                values[i] = (float)Gaussian(random);
            }

            return values;
        }

        private static double Gaussian(Random random)
        {
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        }
    }
}
