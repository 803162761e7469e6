using System.Net.Sockets;
using Harmonie.Catalog;
using Harmonie.TestSupport;
using Harmonie.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Harmonie.Web.Tests.Security;

/// <summary>
/// With an API key set, nothing may reach the grains around it. A plain Orleans client on the gateway port
/// could once read the catalog and start or cancel scans; a single node now opens no gateway at all.
/// </summary>
public sealed class GatewayTests : IDisposable
{
    private readonly ToneLibrary _library = ToneLibrary.Create(1, seconds: 1);

    [Fact]
    public async Task A_plain_orleans_client_cannot_reach_a_single_node()
    {
        await using var server = await HarmonieTestServer.StartAsync([_library.Root], s => s with { ApiKey = "s3cret" });
        var gatewayPort = server.Settings.GatewayPort;

        using var probe = new TcpClient();
        var refused = await Assert.ThrowsAnyAsync<SocketException>(() => probe.ConnectAsync("127.0.0.1", gatewayPort));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client => client.UseLocalhostClustering(gatewayPort, serviceId: "harmonie", clusterId: server.Settings.ClusterId));
        using var client = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(8));
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await client.StartAsync(timeout.Token);
            await client.Services.GetRequiredService<IGrainFactory>().GetGrain<ICatalogGrain>(0).GetServiceStatusAsync(timeout.Token);
        });
    }

    public void Dispose() => _library.Dispose();
}
