using Harmonie.Web.Endpoints;
using Harmonie.Web.Hosting;
using Microsoft.AspNetCore.Http;

namespace Harmonie.Web.Middleware;

/// <summary>Answers <c>/api/v1</c> with 503 until the service has finished starting.</summary>
public sealed class ReadinessMiddleware(RequestDelegate next, IServiceReadiness readiness)
{
    public Task InvokeAsync(HttpContext context) =>
        readiness.IsReady || !context.Request.Path.StartsWithSegments("/api/v1", StringComparison.OrdinalIgnoreCase)
            ? next(context)
            : ApiResults.Error(StatusCodes.Status503ServiceUnavailable, "service initializing").ExecuteAsync(context);
}
