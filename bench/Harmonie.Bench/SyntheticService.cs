using System.Diagnostics;
using System.Globalization;

namespace Harmonie.Bench;

/// <summary>
/// The real host over a <see cref="SyntheticCatalog"/>: imports the catalog into the data directory (or reuses
/// it), starts the host and waits until the index serves full results, reporting how long each step took.
/// </summary>
public sealed class SyntheticService : IAsyncDisposable
{
    private SyntheticService(SyntheticCatalog catalog, BenchHost host, IndexWarmupResult warmup)
    {
        Catalog = catalog;
        Host = host;
        Warmup = warmup;
    }

    public SyntheticCatalog Catalog { get; }

    public BenchHost Host { get; }

    public IndexWarmupResult Warmup { get; }

    public static async Task<SyntheticService> StartAsync(SyntheticCatalog catalog, string dataDir, int limit, CancellationToken cancellationToken)
    {
        var settings = BenchHost.DefaultSettings(dataDir, [], workers: 0);
        await SyntheticCatalogStore.EnsureAsync(dataDir, settings.DbPath, catalog, cancellationToken);
        var cpu = IndexWarmup.ProcessCpu();
        var since = Stopwatch.StartNew();
        var (host, started) = await BenchHost.StartAsync(settings);
        try
        {
            var snapshotMissing = !File.Exists(IndexWarmup.StampsPath(host));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"host: started in {started.TotalSeconds:F1} s; waiting for the index ({BenchMachine.Load()})"));
            var warmup = await IndexWarmup.WaitAsync(host, since, cpu, probeId: 1, limit, lastId: catalog.Size, snapshotMissing, cancellationToken);
            Console.WriteLine(Describe(warmup, catalog.Size, snapshotMissing ? "built from the catalog" : "loaded from the snapshot"));
            return new SyntheticService(catalog, host, warmup);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public static string Describe(IndexWarmupResult warmup, int size, string how)
    {
        var snapshot = warmup.Snapshot is { } seconds
            ? string.Create(CultureInfo.InvariantCulture, $", snapshot written after {seconds:F1} s")
            : string.Empty;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"index ({how}): first /similar answer after {warmup.FirstAnswer:F1} s, full results after {warmup.FullAnswer:F1} s ({warmup.FullAnswerCpu:F1} CPU-s), all {size:N0} vectors after {warmup.AllVectors:F1} s{snapshot}  ({BenchMachine.Load()})");
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
