using Harmonie.Silo.Configuration;
using Orleans.Configuration;

namespace Harmonie.Silo.Hosting;

/// <summary>The single-process silo: localhost clustering, in-memory streams; the catalog is the durable store.</summary>
public static class SiloConfiguration
{
    public const string StreamProvider = "harmonie";

    public static ISiloBuilder ConfigureHarmonieSilo(this ISiloBuilder silo, HarmonieSettings settings)
    {
        silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort);
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = "harmonie";
            o.ServiceId = "harmonie";
        });
        silo.AddMemoryGrainStorage("PubSubStore");
        silo.AddMemoryStreams(StreamProvider);
        return silo;
    }
}
