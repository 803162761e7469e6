using System.Net;
using System.Text.Json.Nodes;
using Harmonie.TestSupport;
using Harmonie.Web.Tests.Infrastructure;

namespace Harmonie.Web.Tests.Api;

public sealed class AuthenticationAndCorsTests
{
    [Fact]
    public async Task With_a_key_every_api_route_needs_it_but_health_stays_public()
    {
        using var library = new TempDirectory();
        await using var server = await HarmonieTestServer.StartAsync([library.Path], s => s with { ApiKey = "s3cret" });

        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("health")).StatusCode);
        using var missing = await server.Client.GetAsync("api/v1/status");
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal("invalid or missing API key", (string?)JsonNode.Parse(await missing.Content.ReadAsStringAsync())!["detail"]);

        // 401 wins over validation errors.
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "api/v1/tracks?limit=0");
        wrong.Headers.Add("X-API-Key", "s3cre");
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Client.SendAsync(wrong)).StatusCode);

        using var right = new HttpRequestMessage(HttpMethod.Get, "api/v1/status");
        right.Headers.Add("X-API-Key", "s3cret");
        Assert.Equal(HttpStatusCode.OK, (await server.Client.SendAsync(right)).StatusCode);
    }

    [Fact]
    public async Task Without_a_key_nothing_is_enforced()
    {
        using var library = new TempDirectory();
        await using var server = await HarmonieTestServer.StartAsync([library.Path]);

        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("api/v1/status")).StatusCode);
    }

    [Fact]
    public async Task Configured_origins_get_cors_headers_and_others_do_not()
    {
        using var library = new TempDirectory();
        await using var server = await HarmonieTestServer.StartAsync([library.Path], s => s with { CorsOrigins = ["http://jellyfin.local"] });

        using var allowed = new HttpRequestMessage(HttpMethod.Get, "api/v1/status");
        allowed.Headers.Add("Origin", "http://jellyfin.local");
        using var allowedResponse = await server.Client.SendAsync(allowed);
        Assert.Equal("http://jellyfin.local", allowedResponse.Headers.GetValues("Access-Control-Allow-Origin").Single());

        using var other = new HttpRequestMessage(HttpMethod.Get, "api/v1/status");
        other.Headers.Add("Origin", "http://evil.example");
        using var otherResponse = await server.Client.SendAsync(other);
        Assert.False(otherResponse.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
