using System.Security.Cryptography;
using System.Text;
using Harmonie.Web.Endpoints;
using Harmonie.Web.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Harmonie.Web.Middleware;

/// <summary>
/// Requires the key on <c>/api/v1</c>, <c>/metrics</c> and the dashboard when one is configured, as <c>X-API-Key</c>,
/// <c>Authorization: Bearer</c> (what Prometheus' <c>authorization</c> setting sends) or as the password of HTTP Basic
/// authentication (any user name), which makes a browser ask for it on the dashboard. Compares SHA-256 digests in
/// constant time so neither the key's content nor its length leaks through timing. Runs before request validation.
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, IOptions<HarmonieWebOptions> options)
{
    private readonly byte[]? _expected = string.IsNullOrEmpty(options.Value.ApiKey) ? null : Digest(options.Value.ApiKey);

    public Task InvokeAsync(HttpContext context)
    {
        if (_expected is null || !IsProtected(context.Request.Path))
        {
            return next(context);
        }

        var presented = Presented(context.Request);
        if (presented.Length > 0 && CryptographicOperations.FixedTimeEquals(Digest(presented), _expected))
        {
            return next(context);
        }

        if (context.Request.Path.StartsWithSegments(DashboardPath, StringComparison.OrdinalIgnoreCase))
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"harmonie (user name: anything, password: the API key)\", charset=\"UTF-8\"";
        }

        return ApiResults.Error(StatusCodes.Status401Unauthorized, "invalid or missing API key").ExecuteAsync(context);
    }

    public const string DashboardPath = "/dashboard";

    private static bool IsProtected(PathString path) =>
        path.StartsWithSegments("/api/v1", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(DashboardPath, StringComparison.OrdinalIgnoreCase);

    private static string Presented(HttpRequest request)
    {
        var key = request.Headers["X-API-Key"].ToString();
        if (key.Length > 0)
        {
            return key;
        }

        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        return authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) ? BasicPassword(authorization["Basic ".Length..].Trim()) : string.Empty;
    }

    private static string BasicPassword(string encoded)
    {
        var bytes = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, bytes, out var written))
        {
            return string.Empty;
        }

        var credentials = Encoding.UTF8.GetString(bytes, 0, written);
        var colon = credentials.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? string.Empty : credentials[(colon + 1)..];
    }

    private static byte[] Digest(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
