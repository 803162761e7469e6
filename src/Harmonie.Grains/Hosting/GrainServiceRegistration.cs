using Harmonie.Engines.Analysis;
using Harmonie.Engines.Audio;
using Harmonie.Engines.Catalog;
using Harmonie.Grains.Analysis;
using Harmonie.Grains.Playlists;
using Harmonie.Grains.Scanning;
using Harmonie.Grains.Similarity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Serialization;

namespace Harmonie.Grains.Hosting;

/// <summary>
/// The services every silo's grains need: the catalog, the analysis engine and the scan options. The
/// descriptor extractor and embedding model are registered by the host (they depend on installed model files).
/// </summary>
public static class GrainServiceRegistration
{
    public static IServiceCollection AddHarmonieGrainServices(
        this IServiceCollection services, ICatalog catalog, Action<ScanOptions> configureScans, Action<SimilarityIndexOptions>? configureIndex = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(catalog);
        services.TryAddSingleton<IAudioDecoder, AudioDecoderSelector>();
        services.AddSingleton<TrackAnalyzer>();
        services.AddSingleton<AnalysisThrottle>();
        services.AddSingleton<SiloAnalysisStatistics>();
        services.Configure(configureScans);
        services.Configure(configureIndex ?? (_ => { }));
        services.AddOptions<PlaylistOptions>();
        services.AddSingleton(sp => new PlaylistSessionRegistry(sp.GetRequiredService<IOptions<PlaylistOptions>>().Value.MaxSessions));
        services.AddHostedService<SiloLossRecovery>();

        // Our exceptions (e.g. a decoder's message) must cross grain calls intact, not as "no codec" errors.
        services.Configure<ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add("Harmonie"));
        return services;
    }
}
