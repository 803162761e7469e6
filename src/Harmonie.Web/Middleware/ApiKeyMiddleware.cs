using System.Security.Cryptography;
using System.Text;
using Harmonie.Web.Endpoints;
using Harmonie.Web.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Harmonie.Web.Middleware;

/// <summary>
/// Requires <c>X-API-Key</c> on <c>/api/v1</c> when a key is configured. Compares SHA-256 digests in constant
/// time so neither the key's content nor its length leaks through timing. Runs before request validation.
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, IOptions<HarmonieWebOptions> options)
{
    private readonly byte[]? _expected = string.IsNullOrEmpty(options.Value.ApiKey) ? null : Digest(options.Value.ApiKey);

    public Task InvokeAsync(HttpContext context)
    {
        if (_expected is null || !context.Request.Path.StartsWithSegments("/api/v1", StringComparison.OrdinalIgnoreCase))
        {
            return next(context);
        }

        var presented = context.Request.Headers["X-API-Key"].ToString();
        if (presented.Length > 0 && CryptographicOperations.FixedTimeEquals(Digest(presented), _expected))
        {
            return next(context);
        }

        return ApiResults.Error(StatusCodes.Status401Unauthorized, "invalid or missing API key").ExecuteAsync(context);
    }

    private static byte[] Digest(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
