using System.Security.Cryptography;
using System.Text;
using Harmonie.Web.Endpoints;
using Harmonie.Web.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Harmonie.Web.Middleware;

/// <summary>
/// Requires the key on <c>/api/v1</c> and <c>/metrics</c> when one is configured, as <c>X-API-Key</c> or
/// <c>Authorization: Bearer</c> (what Prometheus' <c>authorization</c> setting sends). Compares SHA-256 digests in
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

        return ApiResults.Error(StatusCodes.Status401Unauthorized, "invalid or missing API key").ExecuteAsync(context);
    }

    private static bool IsProtected(PathString path) =>
        path.StartsWithSegments("/api/v1", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase);

    private static string Presented(HttpRequest request)
    {
        var key = request.Headers["X-API-Key"].ToString();
        if (key.Length > 0)
        {
            return key;
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : string.Empty;
    }

    private static byte[] Digest(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
