using Harmonie.Engines.Catalog;
using Harmonie.Silo.Configuration;
using Harmonie.Silo.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Harmonie.Silo.Hosting;

/// <summary>A silo without HTTP, for <c>harmonie scan</c> when no server owns the data directory.</summary>
public static class ScanHost
{
    /// <param name="deferredLogs">When a live progress bar owns the terminal: hold log lines here instead of writing them.</param>
    public static IHost Build(HarmonieSettings settings, ICatalog catalog, DeferredLogProvider? deferredLogs = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.AddHarmonieLogging(settings);
        if (deferredLogs is not null)
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(deferredLogs);
        }

        // One explicit scan: no startup or periodic scans in this process.
        builder.Services.AddHarmonieEngines(settings with { ScanOnStartup = false, ScanIntervalHours = 0 }, catalog);
        builder.UseOrleans(silo => silo.ConfigureHarmonieSilo(settings));
        return builder.Build();
    }
}
