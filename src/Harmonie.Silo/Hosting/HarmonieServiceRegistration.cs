using Harmonie.Engines.Analysis;
using Harmonie.Engines.Audio;
using Harmonie.Engines.Catalog;
using Harmonie.Grains.Analysis;
using Harmonie.Grains.Scanning;
using Harmonie.Silo.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Harmonie.Silo.Hosting;

/// <summary>Registers the engines and grain options every silo needs.</summary>
public static class HarmonieServiceRegistration
{
    public static IServiceCollection AddHarmonieEngines(this IServiceCollection services, HarmonieSettings settings, ICatalog catalog)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(catalog);
        services.TryAddSingleton<IAudioDecoder, AudioDecoderSelector>();
        services.AddAnalysisModels(settings);
        services.AddSingleton<TrackAnalyzer>();
        services.AddSingleton<AnalysisThrottle>();
        services.Configure<ScanOptions>(o =>
        {
            o.Libraries = settings.Libraries;
            o.Workers = settings.ResolvedWorkers;
            o.ScanInterval = TimeSpan.FromHours(settings.ScanIntervalHours);
            o.ScanOnStartup = settings.ScanOnStartup;
            o.AnalysisTimeout = TimeSpan.FromSeconds(settings.AnalysisTimeoutSeconds);
            o.OrphanRetention = TimeSpan.FromDays(settings.OrphanRetentionDays);
        });
        return services;
    }
}
