using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Harmonie.Grains.Scanning;
using Harmonie.Silo.Configuration;
using Harmonie.Similarity;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace Harmonie.Silo.Hosting;

/// <summary>
/// One process: localhost clustering with in-memory grain storage (the catalog is the durable store).
/// Cluster member (HARMONIE_POSTGRES): ADO.NET clustering and grain storage in the shared PostgreSQL.
/// </summary>
public static class SiloConfiguration
{
    private const string Invariant = "Npgsql";

    public static ISiloBuilder ConfigureHarmonieSilo(this ISiloBuilder silo, HarmonieSettings settings)
    {
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = settings.ClusterId;
            o.ServiceId = "harmonie";
        });

        if (settings.Postgres is { } connectionString)
        {
            var address = AdvertisedAddress(settings);
            ClusterTransport.Secure(silo, settings, address);

            // A silo advertised on loopback (tests, one machine) listens there only.
            var listenOnAny = !IPAddress.IsLoopback(address);
            PortCheck.EnsureFree(listenOnAny ? IPAddress.Any : address, settings.SiloPort, "HARMONIE_SILO_PORT");
            PortCheck.EnsureFree(listenOnAny ? IPAddress.Any : address, settings.GatewayPort, "HARMONIE_GATEWAY_PORT");
            silo.ConfigureEndpoints(address, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: listenOnAny);
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = connectionString;
            });
            silo.AddAdoNetGrainStorage(ScanCoordinatorGrain.StorageName, o =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = connectionString;
            });
            silo.Services.AddOptions<AdoNetGrainStorageOptions>(ScanCoordinatorGrain.StorageName)
                .Configure<Serializer>((o, serializer) => o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));

            // Notice a dead silo within seconds rather than the default minute.
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(2);
                o.NumMissedProbesLimit = 2;
                o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
            });
        }
        else
        {
            // No gateway: the web host runs in this process, and an open gateway would let any local process call
            // grains without the API key.
            PortCheck.EnsureFree(IPAddress.Loopback, settings.SiloPort, "HARMONIE_SILO_PORT");
            silo.UseLocalhostClustering(settings.SiloPort, gatewayPort: 0, serviceId: "harmonie", clusterId: settings.ClusterId);
            silo.AddMemoryGrainStorage(ScanCoordinatorGrain.StorageName);
        }

        silo.AddMemoryGrainStorage("PubSubStore");

        // Track changes reach the index shards within a few milliseconds (the default poll is 100 ms).
        silo.AddMemoryStreams(SimilarityIndexKey.StreamProvider, streams =>
            streams.ConfigurePullingAgent(agent => agent.Configure(o => o.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(10))));
        return silo;
    }

    private static IPAddress AdvertisedAddress(HarmonieSettings settings)
    {
        if (settings.AdvertisedAddress is { } configured)
        {
            return IPAddress.Parse(configured);
        }

        return NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? IPAddress.Loopback;
    }
}
