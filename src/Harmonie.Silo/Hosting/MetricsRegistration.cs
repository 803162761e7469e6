using Harmonie.Engines.Catalog;
using Harmonie.Engines.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;

namespace Harmonie.Silo.Hosting;

/// <summary>
/// Metrics for <c>GET /metrics</c> (Prometheus text format, OpenTelemetry's exporter): harmonie's own meter,
/// ASP.NET Core's HTTP server and Kestrel meters, Orleans' meter and the .NET runtime's.
/// </summary>
public static class MetricsRegistration
{
    public const string Path = "/metrics";

    public static IServiceCollection AddHarmonieMetrics(this IServiceCollection services, ICatalog catalog)
    {
        services.AddHostedService(_ => new TrackCountGauge(catalog, TimeSpan.FromSeconds(10)));
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(HarmonieMetrics.MeterName)
            .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
            .AddMeter("Microsoft.Orleans")
            .AddMeter("System.Runtime")
            .AddPrometheusExporter());
        return services;
    }
}
