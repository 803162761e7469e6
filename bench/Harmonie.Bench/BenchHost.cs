using System.Diagnostics;
using Harmonie.Engines.Catalog.LiteDb;
using Harmonie.Silo.Configuration;
using Harmonie.Silo.Hosting;
using Harmonie.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Harmonie.Bench;

/// <summary>
/// The real <c>serve</c> host (silo + HTTP on Kestrel, LiteDB catalog) in this process on free ports, with an
/// HttpClient pointed at it and the silo's grain factory for in-process calls. Restartable over the same data.
/// </summary>
public sealed class BenchHost : IAsyncDisposable
{
    private readonly Action<IServiceCollection>? _services;
    private LiteDbCatalog? _catalog;
    private WebApplication? _app;

    private BenchHost(HarmonieSettings settings, Action<IServiceCollection>? services)
    {
        Settings = settings;
        _services = services;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{settings.Port}/api/v1/"), Timeout = TimeSpan.FromMinutes(5) };
    }

    public HarmonieSettings Settings { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("The host is not running.");

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    /// <summary>Settings like a user's, minus scheduled scans (the benchmarks start scans themselves).</summary>
    public static HarmonieSettings DefaultSettings(string dataDir, IReadOnlyList<string> libraries, int workers) => new()
    {
        Libraries = libraries,
        DataDir = dataDir,
        ModelsDirs = [Path.Combine(dataDir, "models")],
        Host = "127.0.0.1",
        Port = FreePort.Next(),
        SiloPort = FreePort.Next(),
        GatewayPort = FreePort.Next(),
        Workers = workers,
        ScanOnStartup = false,
        ScanIntervalHours = 0,
        LogLevel = LogLevel.Warning,
    };

    /// <summary>Builds and starts the host; returns it and how long the start took.</summary>
    public static async Task<(BenchHost Host, TimeSpan Elapsed)> StartAsync(HarmonieSettings settings, Action<IServiceCollection>? services = null)
    {
        var host = new BenchHost(settings, services);
        var elapsed = await host.StartHostAsync();
        return (host, elapsed);
    }

    /// <summary>Stops the host gracefully (grains deactivate, index shards write their snapshots); returns how long it took.</summary>
    public async Task<TimeSpan> StopAsync()
    {
        var stopwatch = Stopwatch.StartNew();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }

        _catalog?.Dispose();
        _catalog = null;
        return stopwatch.Elapsed;
    }

    /// <summary>Starts a new host over the same data directory and ports.</summary>
    public Task<TimeSpan> RestartAsync() => StartHostAsync();

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Client.Dispose();
    }

    private async Task<TimeSpan> StartHostAsync()
    {
        var stopwatch = Stopwatch.StartNew();
        _catalog = LiteDbCatalog.Open(Settings.DbPath);
        _app = ServeHost.Build(Settings, _catalog, _services);
        await _app.StartAsync();
        return stopwatch.Elapsed;
    }
}
