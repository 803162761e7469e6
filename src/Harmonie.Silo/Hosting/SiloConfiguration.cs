using Harmonie.Similarity;
using Harmonie.Silo.Configuration;
using Orleans.Configuration;

namespace Harmonie.Silo.Hosting;

/// <summary>The single-process silo: localhost clustering, in-memory streams; the catalog is the durable store.</summary>
public static class SiloConfiguration
{
    public static ISiloBuilder ConfigureHarmonieSilo(this ISiloBuilder silo, HarmonieSettings settings)
    {
        silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort);
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = "harmonie";
            o.ServiceId = "harmonie";
        });
        silo.AddMemoryGrainStorage("PubSubStore");
        // Track changes reach the index shards within a few milliseconds (the default poll is 100 ms).
        silo.AddMemoryStreams(SimilarityIndexKey.StreamProvider, streams =>
            streams.ConfigurePullingAgent(agent => agent.Configure(o => o.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(10))));
        return silo;
    }
}
