using System.Net;
using Harmonie.Engines.Catalog;
using Harmonie.Silo.Configuration;
using Harmonie.Silo.Logging;
using Harmonie.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Dashboard;

namespace Harmonie.Silo.Hosting;

/// <summary>Builds the <c>serve</c> process: the silo and the HTTP API (with the Orleans dashboard) in one host.</summary>
public static class ServeHost
{
    public const string DashboardPath = Harmonie.Web.Middleware.ApiKeyMiddleware.DashboardPath;

    /// <summary>Requests with a larger body are refused with 413 before they are read.</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    private static void LogListening(WebApplication app, HarmonieSettings settings)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var libraries = settings.Libraries.Count == 0 ? "none configured (HARMONIE_LIBRARIES)" : string.Join(", ", settings.Libraries);
        app.Logger.LogInformation(
            "harmonie {Version} listening on {Addresses} (API docs /docs, dashboard {Dashboard}, metrics /metrics); data in {DataDir}; libraries: {Libraries}",
            Grains.HarmonieVersion.Current,
            string.Join(", ", addresses),
            settings.Dashboard ? DashboardPath : "off",
            settings.DataDir,
            libraries);
    }

    /// <param name="configureServices">Test hook to replace services after the defaults are registered.</param>
    public static WebApplication Build(HarmonieSettings settings, ICatalog catalog, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.AddHarmonieLogging(settings);
        PortCheck.EnsureFree(IPAddress.TryParse(settings.Host, out var bind) ? bind : IPAddress.Loopback, settings.Port, "HARMONIE_PORT");
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // The largest legitimate body (a playlist of 1,000 seed references) is far below this.
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            if (IPAddress.TryParse(settings.Host, out var address))
            {
                kestrel.Listen(address, settings.Port);
            }
            else
            {
                kestrel.ListenLocalhost(settings.Port);
            }
        });

        builder.Services.AddHarmonieEngines(settings, catalog);
        builder.Services.AddHarmonieMetrics(catalog);
        builder.UseOrleans(silo =>
        {
            silo.ConfigureHarmonieSilo(settings);
            if (settings.Dashboard)
            {
                silo.AddDashboard();
            }
        });

        var readiness = new ServiceReadiness();
        builder.Services.AddSingleton(readiness);
        builder.Services.AddSingleton<IServiceReadiness>(readiness);
        builder.Services.AddHostedService<CoordinatorStartup>();
        builder.Services.AddHostedService<ScanShutdown>();
        builder.Services.AddHarmonieWeb(o =>
        {
            o.ApiKey = settings.ApiKey;
            o.CorsOrigins = settings.CorsOrigins;
            o.Version = Grains.HarmonieVersion.Current;
        });
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseHarmonieWeb();
        if (settings.Dashboard)
        {
            app.MapOrleansDashboard(routePrefix: DashboardPath).ExcludeFromDescription();
        }

        app.MapPrometheusScrapingEndpoint(MetricsRegistration.Path);
        app.Lifetime.ApplicationStarted.Register(() => LogListening(app, settings));
        return app;
    }
}
