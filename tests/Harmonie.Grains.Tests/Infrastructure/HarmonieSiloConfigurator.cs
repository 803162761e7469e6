using Harmonie.Engines.Descriptors;
using Harmonie.Engines.Embeddings;
using Harmonie.Grains.Hosting;
using Harmonie.Grains.Scanning;
using Harmonie.Similarity;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Harmonie.Grains.Tests.Infrastructure;

/// <summary>Configures a test silo the way the harmonie host does, with the settings of its <see cref="HarmonieCluster"/>.</summary>
public sealed class HarmonieSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        var cluster = HarmonieCluster.ForKey(siloBuilder.Configuration[HarmonieCluster.KeySetting]
            ?? throw new InvalidOperationException("The test cluster key is missing from the silo configuration."));
        siloBuilder.Services.AddSingleton<IDescriptorExtractor, DescriptorExtractor>();
        siloBuilder.Services.AddSingleton<IEmbeddingExtractor, BuiltinEmbeddingExtractor>();
        siloBuilder.Services.AddHarmonieGrainServices(cluster.Faults.Catalog, cluster.ConfigureScans, cluster.ConfigureIndex);
        siloBuilder.AddMemoryGrainStorage(ScanCoordinatorGrain.StorageName);
        siloBuilder.AddMemoryGrainStorage("PubSubStore");
        siloBuilder.AddMemoryStreams(SimilarityIndexKey.StreamProvider, streams =>
            streams.ConfigurePullingAgent(agent => agent.Configure(o => o.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(10))));
    }
}
