using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Harmonie.TestSupport;
using Harmonie.Web.Tests.Infrastructure;

namespace Harmonie.Web.Tests.Security;

/// <summary>The dashboard streams the live log (paths, client addresses): with a key set it needs the key too.</summary>
public sealed class DashboardAccessTests : IDisposable
{
    private readonly ToneLibrary _library = ToneLibrary.Create(1, seconds: 1);

    [Theory]
    [InlineData("dashboard/")]
    [InlineData("dashboard/Trace")]
    [InlineData("dashboard/ClusterStats")]
    public async Task With_a_key_the_dashboard_asks_for_it_and_opens_with_it(string path)
    {
        await using var server = await HarmonieTestServer.StartAsync([_library.Root], s => s with { ApiKey = "s3cret" });

        using var anonymous = await server.Client.GetAsync(path);
        using var wrong = await SendAsync(server, path, Basic("admin", "guess"));
        using var keyed = await SendAsync(server, path, Basic("anyone", "s3cret"));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Basic", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.NotEqual(HttpStatusCode.Unauthorized, keyed.StatusCode);
        Assert.True(keyed.IsSuccessStatusCode || path == "dashboard/Trace", $"{keyed.StatusCode} for {path}");
    }

    [Fact]
    public async Task The_dashboard_can_be_turned_off()
    {
        await using var server = await HarmonieTestServer.StartAsync([_library.Root], s => s with { Dashboard = false });

        using var response = await server.Client.GetAsync("dashboard/");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    public void Dispose() => _library.Dispose();

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    private static Task<HttpResponseMessage> SendAsync(HarmonieTestServer server, string path, AuthenticationHeaderValue authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = authorization;
        return server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }
}
