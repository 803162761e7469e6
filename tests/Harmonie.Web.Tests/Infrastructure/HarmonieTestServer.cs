using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Harmonie.Engines.Catalog;
using Harmonie.Engines.Catalog.LiteDb;
using Harmonie.Silo.Configuration;
using Harmonie.Silo.Hosting;
using Harmonie.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Harmonie.Web.Tests.Infrastructure;

/// <summary>
/// The real <c>serve</c> host (silo + HTTP on Kestrel) on free ports over a temporary data directory,
/// with an HttpClient pointed at it. Restartable over the same data directory.
/// </summary>
public sealed class HarmonieTestServer : IAsyncDisposable
{
    private readonly TempDirectory? _ownedDataDir;
    private readonly Action<IServiceCollection>? _services;
    private LiteDbCatalog? _catalog;
    private WebApplication? _app;

    private HarmonieTestServer(HarmonieSettings settings, TempDirectory? ownedDataDir, Action<IServiceCollection>? services)
    {
        Settings = settings;
        _ownedDataDir = ownedDataDir;
        _services = services;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{settings.Port}/"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public HarmonieSettings Settings { get; private set; }

    public HttpClient Client { get; }

    public static async Task<HarmonieTestServer> StartAsync(
        IReadOnlyList<string> libraries,
        Func<HarmonieSettings, HarmonieSettings>? configure = null,
        Action<IServiceCollection>? services = null,
        string? dataDir = null)
    {
        var owned = dataDir is null ? new TempDirectory("harmonie-data") : null;
        var settings = new HarmonieSettings
        {
            Libraries = libraries,
            DataDir = dataDir ?? owned!.Path,
            ModelsDirs = [Path.Combine(dataDir ?? owned!.Path, "models")],
            Host = "127.0.0.1",
            Port = FreePort.Next(),
            SiloPort = FreePort.Next(),
            GatewayPort = FreePort.Next(),
            Workers = 2,
            ScanOnStartup = false,
            ScanIntervalHours = 0,
            LogLevel = LogLevel.Warning,
        };
        var server = new HarmonieTestServer(configure?.Invoke(settings) ?? settings, owned, services);
        await server.StartHostAsync();
        return server;
    }

    /// <summary>
    /// Stops the host and starts a new one over the same data directory (ports are reused); <paramref name="whileStopped"/>
    /// may edit the catalog file in between, as an older version or another tool would.
    /// </summary>
    public async Task RestartAsync(Func<HarmonieSettings, HarmonieSettings>? configure = null, Func<LiteDbCatalog, Task>? whileStopped = null)
    {
        await StopHostAsync();
        if (configure is not null)
        {
            Settings = configure(Settings);
        }

        if (whileStopped is not null)
        {
            using var catalog = LiteDbCatalog.Open(Settings.DbPath);
            await whileStopped(catalog);
        }

        await StartHostAsync();
    }

    /// <summary>A <c>services</c> hook that puts the host's catalog behind fault injection, set up by <paramref name="faults"/> before the host starts.</summary>
    public static Action<IServiceCollection> InjectCatalogFaults(Action<FaultInjectingCatalog> faults) => services =>
    {
        var catalog = (ICatalog)services.Single(d => d.ServiceType == typeof(ICatalog)).ImplementationInstance!;
        var injecting = FaultInjectingCatalog.Wrap(catalog);
        faults(injecting);
        services.Replace(ServiceDescriptor.Singleton(injecting.Catalog));
    };

    public async Task<JsonNode> GetJsonAsync(string path) =>
        JsonNode.Parse(await Client.GetStringAsync(path)) ?? throw new InvalidOperationException($"{path} returned null");

    /// <summary>Starts a scan and waits until the service is idle again; returns the final scan state.</summary>
    public async Task<JsonNode> ScanAsync(bool force = false, TimeSpan? timeout = null)
    {
        using var response = await Client.PostAsync($"api/v1/scan?force={force.ToString().ToLowerInvariant()}", null);
        response.EnsureSuccessStatusCode();
        return await WaitForIdleAsync(timeout ?? TimeSpan.FromMinutes(3));
    }

    public async Task<JsonNode> WaitForIdleAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var state = await GetJsonAsync("api/v1/scan");
            if ((string?)state["state"] != "scanning")
            {
                return state;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"scan still running after {timeout}: {state.ToJsonString()}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Polls <paramref name="path"/> until <paramref name="condition"/> holds (the index follows the catalog asynchronously).</summary>
    public async Task<JsonNode> GetJsonEventuallyAsync(string path, Func<JsonNode, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(5));
        while (true)
        {
            var json = await GetJsonAsync(path);
            if (condition(json) || DateTime.UtcNow > deadline)
            {
                return json;
            }

            await Task.Delay(50);
        }
    }

    public async Task<JsonArray> ListTracksAsync(string query = "limit=1000") =>
        (JsonArray)(await GetJsonAsync($"api/v1/tracks?{query}"))["items"]!;

    public async ValueTask DisposeAsync()
    {
        await StopHostAsync();
        Client.Dispose();
        _ownedDataDir?.Dispose();
    }

    private async Task StartHostAsync()
    {
        _catalog = LiteDbCatalog.Open(Settings.DbPath);
        _app = ServeHost.Build(Settings, _catalog, _services);
        await _app.StartAsync();
    }

    private async Task StopHostAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }

        _catalog?.Dispose();
        _catalog = null;
    }
}
