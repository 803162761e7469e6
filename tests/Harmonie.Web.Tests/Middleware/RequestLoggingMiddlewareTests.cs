using Harmonie.TestSupport;
using Harmonie.Web.Middleware;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Harmonie.Web.Tests.Middleware;

public sealed class RequestLoggingMiddlewareTests
{
    [Fact]
    public async Task Routine_requests_log_at_debug_and_server_errors_at_warning()
    {
        var logs = new CapturingLoggerProvider();

        await InvokeAsync(logs, "/api/v1/scan", StatusCodes.Status200OK);
        await InvokeAsync(logs, "/api/v1/tracks/9", StatusCodes.Status404NotFound);
        await InvokeAsync(logs, "/api/v1/playlists", StatusCodes.Status503ServiceUnavailable);

        var lines = logs.Entries.Where(e => e.Category == "Harmonie.Api.Requests").ToList();
        Assert.Equal([LogLevel.Debug, LogLevel.Debug, LogLevel.Warning], lines.Select(l => l.Level));
        Assert.Contains("GET /api/v1/playlists -> 503", lines[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slow_request_logs_at_information()
    {
        var logs = new CapturingLoggerProvider();
        var middleware = new RequestLoggingMiddleware(
            async context =>
            {
                await Task.Delay(RequestLoggingMiddleware.SlowRequest + TimeSpan.FromMilliseconds(50));
                context.Response.StatusCode = StatusCodes.Status200OK;
            },
            LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace)));

        await middleware.InvokeAsync(Request("/api/v1/playlists"));

        Assert.Equal(LogLevel.Information, Assert.Single(logs.Entries).Level);
    }

    private static Task InvokeAsync(CapturingLoggerProvider logs, string path, int status)
    {
        var middleware = new RequestLoggingMiddleware(
            context =>
            {
                context.Response.StatusCode = status;
                return Task.CompletedTask;
            },
            LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace)));
        return middleware.InvokeAsync(Request(path));
    }

    private static DefaultHttpContext Request(string path)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Get;
        context.Request.Path = path;
        return context;
    }
}
