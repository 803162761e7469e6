using Harmonie.Engines.Catalog;
using Harmonie.Grains.Hosting;
using Harmonie.Grains.Playlists;
using Harmonie.Silo.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Harmonie.Silo.Hosting;

/// <summary>Registers the grain services and analysis models from the settings.</summary>
public static class HarmonieServiceRegistration
{
    public static IServiceCollection AddHarmonieEngines(this IServiceCollection services, HarmonieSettings settings, ICatalog catalog) =>
        services
            .AddAnalysisModels(settings)
            .Configure<PlaylistOptions>(o =>
            {
                o.SessionIdleTimeout = TimeSpan.FromMinutes(settings.PlaylistSessionMinutes);
                o.MaxSessions = settings.PlaylistSessions;
            })
            .AddHarmonieGrainServices(catalog, o =>
            {
                o.Libraries = settings.Libraries;
                o.Workers = settings.ResolvedWorkers;
                o.ScanInterval = TimeSpan.FromHours(settings.ScanIntervalHours);
                o.ScanOnStartup = settings.ScanOnStartup;
                o.AnalysisTimeout = TimeSpan.FromSeconds(settings.AnalysisTimeoutSeconds);
                o.OrphanRetention = TimeSpan.FromDays(settings.OrphanRetentionDays);
                o.CatalogDirectory = settings.IsClusterMember ? null : settings.DataDir;
                o.MinimumFreeBytes = (long)(settings.MinFreeMegabytes * 1024 * 1024);
            },
            o =>
            {
                o.Shards = settings.IndexShards;
                o.SnapshotDirectory = Path.Combine(settings.DataDir, "index");
            });
}
