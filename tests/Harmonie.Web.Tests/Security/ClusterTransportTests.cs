using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Harmonie.Catalog;
using Harmonie.Engines.Catalog.LiteDb;
using Harmonie.Engines.Catalog.Postgres;
using Harmonie.Silo.Configuration;
using Harmonie.Silo.Hosting;
using Harmonie.TestSupport;
using Harmonie.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Connections.Security;

namespace Harmonie.Web.Tests.Security;

/// <summary>A cluster silo's ports accept only peers with the shared certificate, and never run open on a network by accident.</summary>
public sealed class ClusterTransportTests : IDisposable
{
    private readonly ToneLibrary _library = ToneLibrary.Create(1, seconds: 1);
    private readonly TempDirectory _dir = new("harmonie-tls");

    [Fact]
    public void A_cluster_silo_on_a_network_address_without_tls_refuses_to_start_unless_declared_private()
    {
        var settings = new HarmonieSettings
        {
            DataDir = _dir.Path,
            ModelsDirs = [],
            Postgres = "Host=127.0.0.1;Database=unused",
            AdvertisedAddress = "10.20.30.40",
        };
        using var catalog = LiteDbCatalog.Open(_dir.Combine("refused.db"));

        var error = Assert.Throws<SettingsException>(() => ServeHost.Build(settings, catalog));

        Assert.Equal("HARMONIE_CLUSTER_CERTIFICATE", error.Variable);
        Assert.Contains("HARMONIE_CLUSTER_INSECURE=true", error.Message, StringComparison.Ordinal);
        using var declared = ServeHost.Build(settings with { ClusterInsecure = true }, catalog);
    }

    [Fact]
    public async Task With_the_shared_certificate_only_peers_presenting_it_reach_the_grains()
    {
        var postgres = await PostgresTestServer.GetAsync();
        var connection = await postgres.CreateDatabaseAsync("tls");
        await PostgresSchema.ApplyAsync(connection, CancellationToken.None);
        var certificate = SelfSigned(_dir.Combine("cluster.pfx"));
        await using var server = await HarmonieTestServer.StartAsync(
            [_library.Root],
            s => s with { Postgres = connection, AdvertisedAddress = "127.0.0.1", ClusterCertificate = certificate, ApiKey = "s3cret" });
        var gateway = new IPEndPoint(IPAddress.Loopback, server.Settings.GatewayPort);

        await Assert.ThrowsAnyAsync<Exception>(() => CallAsync(gateway, server.Settings.ClusterId, tls: null));
        await Assert.ThrowsAnyAsync<Exception>(() => CallAsync(gateway, server.Settings.ClusterId, tls: SelfSigned(_dir.Combine("stranger.pfx"))));
        var status = await CallAsync(gateway, server.Settings.ClusterId, tls: certificate);

        Assert.NotEmpty(status.Silo);
    }

    public void Dispose()
    {
        _library.Dispose();
        _dir.Dispose();
    }

    private static async Task<ServiceStatus> CallAsync(IPEndPoint gateway, string clusterId, string? tls)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            client.UseStaticClustering(gateway);
            client.Configure<Orleans.Configuration.ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, "harmonie"));
            if (tls is not null)
            {
                client.UseTls(X509CertificateLoader.LoadPkcs12FromFile(tls, null), o => o.AllowAnyRemoteCertificate());
            }
        });
        using var host = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await host.StartAsync(timeout.Token);
        try
        {
            return await host.Services.GetRequiredService<IGrainFactory>().GetGrain<ICatalogGrain>(0).GetServiceStatusAsync(timeout.Token);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>A self-signed certificate and key in a PKCS#12 file, as <c>openssl req -x509</c> would make.</summary>
    private static string SelfSigned(string path)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=harmonie-cluster", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(2));
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12));
        return path;
    }
}
