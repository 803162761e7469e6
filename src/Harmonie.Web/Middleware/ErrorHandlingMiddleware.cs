using System.Globalization;
using System.Text.Json;
using Harmonie.Web.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Harmonie.Web.Middleware;

/// <summary>
/// Turns failures into <c>{"detail": ...}</c> bodies: values the binder rejects and malformed JSON are 422
/// (schema validation), empty 404/405 responses get a detail, a cluster member lost mid-request is a 503 the client
/// may retry (its grains reactivate on the other silos within seconds), and so is a grain call that timed out (e.g.
/// while an index shard of a million tracks is still loading); anything else is a logged 500.
/// </summary>
public sealed class ErrorHandlingMiddleware(RequestDelegate next, ILogger<ErrorHandlingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            var status = ex.InnerException is JsonException || ex.StatusCode == StatusCodes.Status400BadRequest
                ? StatusCodes.Status422UnprocessableEntity
                : ex.StatusCode;
            await ApiResults.Error(status, Describe(ex)).ExecuteAsync(context);
            return;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex) when (!context.Response.HasStarted && ex is SiloUnavailableException or OrleansMessageRejectionException)
        {
            await RetryLaterAsync(context, ex, retryAfterSeconds: 1, "a cluster member became unavailable; retry shortly");
            return;
        }
        catch (Exception ex) when (!context.Response.HasStarted && IsDashboardLookupOfUnknownSilo(context, ex))
        {
            // The dashboard's own routes take a silo address from the path and throw on one that does not parse.
            await ApiResults.Error(StatusCodes.Status404NotFound, "Not Found").ExecuteAsync(context);
            return;
        }
        catch (TimeoutException ex) when (!context.Response.HasStarted)
        {
            await RetryLaterAsync(context, ex, retryAfterSeconds: 5, "the service did not answer in time (an index may still be loading); retry shortly");
            return;
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            logger.LogError(ex, "Unhandled error for {Method} {Path}", context.Request.Method, context.Request.Path);
            context.Response.Clear();
            await ApiResults.Error(StatusCodes.Status500InternalServerError, "internal server error").ExecuteAsync(context);
            return;
        }

        if (!context.Response.HasStarted && context.Response.ContentLength is null && context.Response.ContentType is null)
        {
            var detail = context.Response.StatusCode switch
            {
                StatusCodes.Status404NotFound => "Not Found",
                StatusCodes.Status405MethodNotAllowed => "Method Not Allowed",
                StatusCodes.Status413PayloadTooLarge => "request body too large",
                StatusCodes.Status415UnsupportedMediaType => "unsupported media type: send a JSON body with Content-Type: application/json",
                _ => null,
            };
            if (detail is not null)
            {
                await ApiResults.Error(context.Response.StatusCode, detail).ExecuteAsync(context);
            }
        }
    }

    private async Task RetryLaterAsync(HttpContext context, Exception ex, int retryAfterSeconds, string detail)
    {
        logger.LogWarning("{Method} {Path}: {Error}", context.Request.Method, context.Request.Path, ex.Message);
        context.Response.Clear();
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        await ApiResults.Error(StatusCodes.Status503ServiceUnavailable, detail).ExecuteAsync(context);
    }

    private static bool IsDashboardLookupOfUnknownSilo(HttpContext context, Exception ex)
    {
        if (!context.Request.Path.StartsWithSegments("/dashboard", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        for (Exception? inner = ex; inner is not null; inner = inner.InnerException)
        {
            if (inner is FormatException)
            {
                return true;
            }
        }

        return false;
    }

    private static string Describe(BadHttpRequestException ex) =>
        ex.InnerException is JsonException json ? $"invalid JSON body: {json.Message}" : ex.Message;
}
