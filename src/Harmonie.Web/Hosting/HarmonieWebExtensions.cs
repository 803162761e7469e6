using System.Text.Json;
using Harmonie.Web.Endpoints;
using Harmonie.Web.Middleware;
using Harmonie.Web.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

namespace Harmonie.Web.Hosting;

/// <summary>Registers and maps the HTTP API on a host that also runs (or reaches) the silo.</summary>
public static class HarmonieWebExtensions
{
    public static IServiceCollection AddHarmonieWeb(this IServiceCollection services, Action<HarmonieWebOptions> configure)
    {
        services.Configure(configure);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.DictionaryKeyPolicy = null;
        });
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddCors();
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer((document, context, _) =>
            {
                var web = context.ApplicationServices.GetRequiredService<IOptions<HarmonieWebOptions>>().Value;
                document.Info.Title = "harmonie";
                document.Info.Version = web.Version;
                document.Info.Description =
                    "Self-hosted music similarity: similar tracks, filtered listings and playlists. Every error is "
                    + "`{\"detail\": \"...\"}`. Operations marked `x-harmonie-extension` are additions to the original "
                    + "harmonie contract that its clients (such as the Jellyfin plugin) do not use.";
                document.Components?.Schemas?.Remove("JsonElement"); // Replaced by the documented request bodies.
                return Task.CompletedTask;
            });
            o.AddOperationTransformer<HarmonieOperationTransformer>();
        });
        return services;
    }

    /// <summary>Adds the middleware and maps every endpoint; returns the <c>/api/v1</c> group for further mapping.</summary>
    public static RouteGroupBuilder UseHarmonieWeb(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<HarmonieWebOptions>>().Value;
        app.UseMiddleware<RequestLoggingMiddleware>();
        app.UseMiddleware<ErrorHandlingMiddleware>();
        if (options.CorsOrigins.Count > 0)
        {
            app.UseCors(policy =>
            {
                if (options.CorsOrigins.Contains("*"))
                {
                    policy.AllowAnyOrigin();
                }
                else
                {
                    policy.WithOrigins([.. options.CorsOrigins]);
                }

                policy.AllowAnyMethod().AllowAnyHeader();
            });
        }

        app.UseMiddleware<ApiKeyMiddleware>();
        app.UseMiddleware<ReadinessMiddleware>();

        app.MapOpenApi("/openapi.json");
        // A self-hosted, offline page: no hosted-product buttons (AI agent, MCP, SDK generation, deploy/share
        // toolbar), no telemetry and no web fonts.
        app.MapScalarApiReference("/docs", o => o
            .WithOpenApiRoutePattern("/openapi.json")
            .WithTitle("harmonie API")
            .DisableDefaultFonts()
            .DisableAgent()
            .DisableMcp()
            .DisableTelemetry()
            .HideDeveloperTools()
            .HideClientButton());

        var api = app.MapGroup("/api/v1");
        app.MapServiceEndpoints(api);
        api.MapTrackEndpoints();
        api.MapStyleEndpoints();
        api.MapPlaylistEndpoints();
        return api;
    }
}
