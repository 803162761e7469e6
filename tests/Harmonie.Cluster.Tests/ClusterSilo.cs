using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Harmonie.Cluster.Tests;

/// <summary>One in-process silo that clusters and stores grain state through PostgreSQL, on free ports.</summary>
public sealed class ClusterSilo : IAsyncDisposable
{
    public const string Storage = "store";
    public const string DeletingStorage = "store-deleting";
    public const string ServiceId = "harmonie-tests";
    private const string Invariant = "Npgsql";

    private readonly IHost _host;
    private bool _stopped;

    private ClusterSilo(IHost host, int siloPort, int gatewayPort)
    {
        _host = host;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
    }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public static async Task<ClusterSilo> StartAsync(string connectionString, string clusterId, ErrorLog errors)
    {
        var (siloPort, gatewayPort) = (FreePort(), FreePort());
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Warning).AddProvider(errors);
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, ServiceId));
            silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort);
            silo.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (Invariant, connectionString));
            silo.AddAdoNetGrainStorage(Storage, o => (o.Invariant, o.ConnectionString) = (Invariant, connectionString));
            silo.AddAdoNetGrainStorage(DeletingStorage, o =>
            {
                (o.Invariant, o.ConnectionString) = (Invariant, connectionString);
                o.DeleteStateOnClear = true;
            });
        });
        var host = builder.Build();
        await host.StartAsync();
        return new ClusterSilo(host, siloPort, gatewayPort);
    }

    /// <summary>The silos this silo's management grain reports as active.</summary>
    public async Task<int> ActiveSilosAsync() =>
        (await Grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count;

    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _host.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _host.Dispose();
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
