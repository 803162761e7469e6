using System.Text.Json;
using Harmonie.Web.Middleware;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Harmonie.Web.Tests.Middleware;

public sealed class ErrorHandlingMiddlewareTests
{
    [Fact]
    public async Task A_silo_lost_mid_request_or_a_timed_out_grain_call_is_a_503_the_client_may_retry_and_other_failures_stay_500()
    {
        var lost = await InvokeAsync(new SiloUnavailableException("The target silo became unavailable"));
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, lost.StatusCode);
        Assert.Equal("1", lost.Headers.RetryAfter.ToString());
        Assert.Equal("a cluster member became unavailable; retry shortly", Detail(lost));

        var slow = await InvokeAsync(new TimeoutException("Response did not arrive on time in 00:00:30"));
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, slow.StatusCode);
        Assert.Equal("5", slow.Headers.RetryAfter.ToString());
        Assert.Contains("an index may still be loading", Detail(slow), StringComparison.Ordinal);

        var bug = await InvokeAsync(new InvalidOperationException("bug"));
        Assert.Equal(StatusCodes.Status500InternalServerError, bug.StatusCode);
        Assert.Equal("internal server error", Detail(bug));
    }

    private static async Task<HttpResponse> InvokeAsync(Exception failure)
    {
        var context = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider(),
        };
        context.Response.Body = new MemoryStream();
        var middleware = new ErrorHandlingMiddleware(_ => throw failure, NullLogger<ErrorHandlingMiddleware>.Instance);
        await middleware.InvokeAsync(context);
        context.Response.Body.Position = 0;
        return context.Response;
    }

    private static string? Detail(HttpResponse response)
    {
        response.Body.Position = 0;
        return JsonDocument.Parse(response.Body).RootElement.GetProperty("detail").GetString();
    }
}
