using System.Net;
using System.Text;
using Harmonie.TestSupport;
using Harmonie.Web.Tests.Infrastructure;

namespace Harmonie.Web.Tests.Playlists;

public sealed class PlaylistSessionCapTests : IDisposable
{
    private readonly ToneLibrary _library = ToneLibrary.Create(4, seconds: 2);

    [Fact]
    public async Task Beyond_the_session_cap_the_least_recently_used_session_answers_404_like_an_expired_one()
    {
        await using var server = await HarmonieTestServer.StartAsync([_library.Root], s => s with { PlaylistSessions = 3 });
        await server.ScanAsync();
        var seed = (long)(await server.ListTracksAsync())[0]!["id"]!;
        await server.GetJsonEventuallyAsync($"api/v1/tracks/{seed}/similar", j => j["matches"]!.AsArray().Count == 3);

        var sessions = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            using var created = await server.Client.PostAsync(
                "api/v1/playlists", new StringContent($$"""{"mode":"similar","seeds":[{{seed}}],"n":2}""", Encoding.UTF8, "application/json"));
            created.EnsureSuccessStatusCode();
            sessions.Add((string)System.Text.Json.Nodes.JsonNode.Parse(await created.Content.ReadAsStringAsync())!["session_id"]!);
        }

        using var oldest = await server.Client.GetAsync($"api/v1/playlists/{sessions[0]}");
        using var newest = await server.Client.GetAsync($"api/v1/playlists/{sessions[4]}");

        Assert.Equal(HttpStatusCode.NotFound, oldest.StatusCode);
        Assert.Contains("not found or expired", await oldest.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, newest.StatusCode);
    }

    public void Dispose() => _library.Dispose();
}
