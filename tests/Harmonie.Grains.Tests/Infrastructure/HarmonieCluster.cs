using System.Collections.Concurrent;
using Harmonie.Engines.Catalog.LiteDb;
using Harmonie.Grains.Scanning;
using Harmonie.Grains.Similarity;
using Harmonie.Scanning;
using Harmonie.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.TestingHost;

namespace Harmonie.Grains.Tests.Infrastructure;

/// <summary>
/// An in-process <see cref="TestCluster"/> silo with harmonie's grain services over a temporary LiteDB catalog
/// (wrapped so tests can inject catalog faults), the real descriptor extractor and built-in embedding, memory
/// streams for the index, and index snapshots in the temporary folder. Scans are off unless a test starts one.
/// </summary>
public sealed class HarmonieCluster : IAsyncDisposable
{
    internal const string KeySetting = "Harmonie:TestCluster";
    private static readonly ConcurrentDictionary<string, HarmonieCluster> Starting = new();

    private readonly Action<ScanOptions>? _configureScans;
    private readonly Action<SimilarityIndexOptions>? _configureIndex;

    private HarmonieCluster(Action<ScanOptions>? configureScans, Action<SimilarityIndexOptions>? configureIndex)
    {
        _configureScans = configureScans;
        _configureIndex = configureIndex;
        Store = LiteDbCatalog.Open(Directory.Combine("harmonie.db"));
        Faults = FaultInjectingCatalog.Wrap(Store);
    }

    public TempDirectory Directory { get; } = new("harmonie-cluster");

    /// <summary>The catalog file itself, for seeding and for checking what the grains wrote.</summary>
    public LiteDbCatalog Store { get; }

    /// <summary>The catalog the grains use: <see cref="Store"/> behind fault injection.</summary>
    public FaultInjectingCatalog Faults { get; }

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    /// <summary>The options object the silo's grains read; a test may change it between scans.</summary>
    public ScanOptions ScanOptions => SiloService<IOptions<ScanOptions>>().Value;

    public SimilarityIndexOptions IndexOptions => SiloService<IOptions<SimilarityIndexOptions>>().Value;

    public IScanCoordinatorGrain Coordinator => Grains.GetGrain<IScanCoordinatorGrain>(0);

    public static async Task<HarmonieCluster> StartAsync(
        Action<ScanOptions>? configureScans = null, Action<SimilarityIndexOptions>? configureIndex = null)
    {
        var cluster = new HarmonieCluster(configureScans, configureIndex);
        var key = Guid.NewGuid().ToString("N");
        Starting[key] = cluster;
        try
        {
            var builder = new TestClusterBuilder(1);
            builder.Options.ConfigureFileLogging = false;
            builder.Properties[KeySetting] = key;
            builder.AddSiloBuilderConfigurator<HarmonieSiloConfigurator>();
            cluster.Cluster = builder.Build();
            await cluster.Cluster.DeployAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
        finally
        {
            Starting.TryRemove(key, out _);
        }
    }

    /// <summary>The cluster being deployed under <paramref name="key"/> (silos are built by type, so they look their settings up here).</summary>
    internal static HarmonieCluster ForKey(string key) => Starting[key];

    internal void ConfigureScans(ScanOptions options)
    {
        options.Workers = 2;
        options.ScanOnStartup = false;
        options.ScanInterval = TimeSpan.Zero;
        options.AnalysisTimeout = TimeSpan.FromMinutes(1);
        options.ProgressInterval = TimeSpan.FromMilliseconds(50);
        _configureScans?.Invoke(options);
    }

    internal void ConfigureIndex(SimilarityIndexOptions options)
    {
        options.Shards = 2;
        options.SnapshotDirectory = Directory.Combine("index");
        options.SnapshotInterval = TimeSpan.FromHours(1);
        _configureIndex?.Invoke(options);
    }

    /// <summary>Polls the coordinator until no scan runs; returns the final state.</summary>
    public async Task<ScanStatus> WaitForScanAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var status = await Coordinator.GetStatusAsync();
            if (status.State != ScanState.Scanning)
            {
                return status;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"scan still running: {status}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Starts a scan and waits for it to end.</summary>
    public async Task<ScanStatus> ScanAsync(bool force = false)
    {
        await Coordinator.StartAsync(force);
        return await WaitForScanAsync();
    }

    /// <summary>Polls <paramref name="read"/> until <paramref name="done"/> holds (the index follows the catalog asynchronously).</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.StopAllSilosAsync();
            await Cluster.DisposeAsync();
        }

        Store.Dispose();
        Directory.Dispose();
    }

    /// <summary>A service of the (in-process) silo, e.g. the options object its grains read.</summary>
    public T SiloService<T>()
        where T : notnull => SiloServices.GetRequiredService<T>();

    /// <summary>A named service of the silo, e.g. a grain storage provider.</summary>
    public T SiloService<T>(string name)
        where T : notnull => SiloServices.GetRequiredKeyedService<T>(name);

    private IServiceProvider SiloServices =>
        Cluster.Primary is { } silo
            ? Cluster.GetSiloServiceProvider(silo.SiloAddress)
            : throw new InvalidOperationException("The silo is not running.");
}
