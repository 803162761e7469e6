using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Harmonie.Web.Middleware;

/// <summary>
/// One log line per request: <c>ip METHOD path?query -> status (ms)</c>. Routine requests log at Debug (clients
/// poll <c>/scan</c> and <c>/status</c> every second); a server error (5xx) logs at Warning and a request slower
/// than <see cref="SlowRequest"/> at Information, so the default log shows only requests worth a look. At Debug,
/// POST/PUT/PATCH bodies are logged on a second line (compact JSON, truncated to 8 KiB) and still reach the handler.
/// </summary>
public sealed class RequestLoggingMiddleware(RequestDelegate next, ILoggerFactory loggers)
{
    public static readonly TimeSpan SlowRequest = TimeSpan.FromSeconds(1);
    private const int MaxBodyBytes = 8 * 1024;
    private readonly ILogger _logger = loggers.CreateLogger("Harmonie.Api.Requests");

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var status = StatusCodes.Status500InternalServerError;
        try
        {
            if (_logger.IsEnabled(LogLevel.Debug) && HttpMethods.IsPost(context.Request.Method) | HttpMethods.IsPut(context.Request.Method) | HttpMethods.IsPatch(context.Request.Method))
            {
                await LogBodyAsync(context.Request);
            }

            await next(context);
            status = context.Response.StatusCode;
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            _logger.Log(
                LevelOf(status, elapsed),
                "{Client} {Method} {Target} -> {Status} ({Elapsed:0.0}ms)",
                context.Connection.RemoteIpAddress?.ToString() ?? "-",
                context.Request.Method,
                context.Request.Path + context.Request.QueryString,
                status,
                elapsed.TotalMilliseconds);
        }
    }

    internal static LogLevel LevelOf(int status, TimeSpan elapsed) =>
        status >= StatusCodes.Status500InternalServerError ? LogLevel.Warning
        : elapsed >= SlowRequest ? LogLevel.Information
        : LogLevel.Debug;

    private async Task LogBodyAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        _logger.LogDebug("  <- body: {Body}", Describe(buffer.ToArray()));
    }

    internal static string Describe(byte[] body)
    {
        if (body.Length == 0)
        {
            return "(empty)";
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return $"<{body.Length} bytes binary>";
        }

        try
        {
            using var json = JsonDocument.Parse(text);
            text = JsonSerializer.Serialize(json.RootElement, CompactJson);
        }
        catch (JsonException)
        {
            // Not JSON: log the text as sent.
        }

        return text.Length <= MaxBodyBytes ? text : $"{text[..MaxBodyBytes]}... (truncated, {body.Length} total bytes)";
    }

    private static readonly JsonSerializerOptions CompactJson = new()
    {
        WriteIndented = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
