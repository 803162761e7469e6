using System.Text.Json;
using Harmonie.Web.Filtering;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Harmonie.Web.Tests.Filtering;

public sealed class ParseResultTests
{
    [Fact]
    public async Task A_failure_becomes_a_detail_response_with_its_status()
    {
        var failure = UrlFilterParser.Parse(Query.Parse("?bpm=foo"));
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Response.Body = new MemoryStream();

        await failure.ToErrorResult().ExecuteAsync(context);

        context.Response.Body.Position = 0;
        using var body = await JsonDocument.ParseAsync(context.Response.Body);
        Assert.Equal(400, context.Response.StatusCode);
        Assert.Equal("invalid filter: bpm: invalid range 'foo': 'foo' is not a number", body.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public void A_success_has_no_error_result()
    {
        var success = UrlFilterParser.Parse(Query.Parse("?bpm=120"));

        Assert.Equal(200, success.Status);
        Assert.Throws<InvalidOperationException>(() => success.ToErrorResult());
    }
}
