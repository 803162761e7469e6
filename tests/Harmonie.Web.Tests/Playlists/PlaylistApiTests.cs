using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Harmonie.TestSupport;
using Harmonie.Web.Tests.Infrastructure;

namespace Harmonie.Web.Tests.Playlists;

/// <summary>POST /playlists and the session extension over a scanned library (algorithms are pinned in the engine tests).</summary>
public sealed class PlaylistApiTests : IAsyncLifetime
{
    private readonly GeneratedLibrary _library = GeneratedLibrary.Create();
    private readonly TempDirectory _models = new("harmonie-models");
    private HarmonieTestServer _server = null!;
    private JsonArray _tracks = null!;

    public async Task InitializeAsync()
    {
        TinyModelsDirectory.Create(_models.Path);
        _server = await HarmonieTestServer.StartAsync([_library.Root], s => s with { ModelsDirs = [_models.Path], PlaylistSessionMinutes = 0.02 });
        await _server.ScanAsync();
        _tracks = await _server.ListTracksAsync();
        await _server.GetJsonEventuallyAsync($"api/v1/tracks/{Id(0)}/similar?limit=50", j => j["matches"]!.AsArray().Count == _tracks.Count - 1);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _models.Dispose();
        _library.Dispose();
    }

    [Fact]
    public async Task Similar_returns_other_tracks_scored_against_the_seed_with_a_session_id()
    {
        var (status, body) = await PostAsync(new { mode = "similar", seeds = new[] { Id(0) }, n = 4 });

        Assert.Equal(HttpStatusCode.OK, status);
        var items = body["items"]!.AsArray();
        Assert.Equal(4, items.Count);
        Assert.DoesNotContain(items, i => (long)i!["track_id"]! == Id(0));
        Assert.Equal(4, items.Select(i => (long)i!["track_id"]!).Distinct().Count());
        Assert.All(items, i => Assert.InRange((double)i!["score"]!, -1.0, 1.0));
        Assert.Empty(body["unresolved_seed_refs"]!.AsArray());
        Assert.Matches("^[0-9a-f]{32}$", (string?)body["session_id"]);
    }

    [Fact]
    public async Task The_jellyfin_plugin_request_shape_works_and_unresolved_refs_are_echoed()
    {
        var seed = _tracks[1]!;
        var (status, body) = await PostAsync(new
        {
            mode = "similar",
            seeds = Array.Empty<long>(),
            seed_weights = Array.Empty<double>(),
            seed_refs = new object[]
            {
                new { path = "/jellyfin/elsewhere.flac", artist = (string?)seed["artist"], album = (string?)seed["album"], title = (string?)seed["title"] },
                new { artist = "Nobody", title = "Nothing" },
            },
            n = 200,
            variation = 0.25,
        });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(_tracks.Count - 1, body["items"]!.AsArray().Count);
        var unresolved = body["unresolved_seed_refs"]!.AsArray().Single()!;
        Assert.Equal("no_match", (string?)unresolved["reason"]);
        Assert.Equal("Nobody", (string?)unresolved["ref"]!["artist"]);
        Assert.True(((JsonObject)unresolved["ref"]!).ContainsKey("weight"));
    }

    [Fact]
    public async Task Variation_with_an_rng_seed_is_reproducible_in_similar_and_drift()
    {
        foreach (var mode in new[] { "similar", "drift" })
        {
            var request = new { mode, seeds = new[] { Id(2) }, n = 5, variation = 0.5, rng_seed = 42 };
            var (_, first) = await PostAsync(request);
            var (_, second) = await PostAsync(request);
            Assert.Equal(first["items"]!.ToJsonString(), second["items"]!.ToJsonString());
        }
    }

    [Fact]
    public async Task Drift_with_refs_only_and_vibe_with_a_filter_and_target_work()
    {
        var (driftStatus, drift) = await PostAsync(new { mode = "drift", seed_refs = new[] { new { path = (string)_tracks[0]!["path"]! } }, n = 3, chunk_size = 1 });
        var (vibeStatus, vibe) = await PostAsync(new { mode = "vibe", n = 10, filter = new { style_min = 0.0 }, target = new { bpm = 120 }, shuffle = false });

        Assert.Equal(HttpStatusCode.OK, driftStatus);
        Assert.Equal(3, drift["items"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.OK, vibeStatus);
        Assert.Equal(_tracks.Count, vibe["items"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("{\"mode\":\"similar\",\"seeds\":[]}", HttpStatusCode.UnprocessableEntity)]
    [InlineData("{\"mode\":\"sideways\",\"seeds\":[1]}", HttpStatusCode.UnprocessableEntity)]
    [InlineData("{\"seeds\":[1]}", HttpStatusCode.UnprocessableEntity)]
    [InlineData("{\"mode\":\"similar\",\"seeds\":[1,2],\"seed_weights\":[1.0]}", HttpStatusCode.UnprocessableEntity)]
    [InlineData("{\"mode\":\"similar\",\"seeds\":[1],\"seed_weights\":[0]}", HttpStatusCode.UnprocessableEntity)]
    [InlineData("{\"mode\":\"similar\",\"seeds\":[1],\"variation\":1.01}", HttpStatusCode.UnprocessableEntity)]
    [InlineData("{\"mode\":\"similar\",\"seed_refs\":[{}]}", HttpStatusCode.UnprocessableEntity)]
    [InlineData("{\"mode\":\"similar\",\"seed_refs\":[{\"title\":\"x\",\"weight\":\"inf\"}]}", HttpStatusCode.UnprocessableEntity)]
    [InlineData("{\"mode\":\"similar\",\"seeds\":[1],\"filter\":{\"key\":\"A\"}}", HttpStatusCode.UnprocessableEntity)]
    [InlineData("{\"mode\":\"drift\",\"seeds\":[1],\"chunk_size\":0}", HttpStatusCode.UnprocessableEntity)]
    [InlineData("{\"mode\":\"similar\",\"seeds\":[1],\"n\":501}", HttpStatusCode.UnprocessableEntity)]
    [InlineData("not json", HttpStatusCode.UnprocessableEntity)]
    [InlineData("{\"mode\":\"similar\",\"seed_refs\":[{\"artist\":\"Nobody\",\"title\":\"Nothing\"}]}", HttpStatusCode.BadRequest)]
    [InlineData("{\"mode\":\"similar\",\"seeds\":[999999]}", HttpStatusCode.NotFound)]
    public async Task Errors_map_to_the_documented_status_codes(string json, HttpStatusCode status)
    {
        using var response = await _server.Client.PostAsync("api/v1/playlists", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(status, response.StatusCode);
        var detail = (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"];
        Assert.False(string.IsNullOrWhiteSpace(detail));
        if (status == HttpStatusCode.NotFound)
        {
            Assert.Equal("'seed track 999999 not in database'", detail);
        }
        else if (status == HttpStatusCode.BadRequest)
        {
            Assert.Contains("no seeds resolved", detail);
        }
    }

    [Fact]
    public async Task A_session_continues_without_repeats_and_remembers_what_it_returned()
    {
        var (_, first) = await PostAsync(new { mode = "similar", seeds = new[] { Id(0) }, n = 2 });
        var session = (string)first["session_id"]!;

        using var nextResponse = await _server.Client.PostAsJsonAsync($"api/v1/playlists/{session}/next", new { n = 3 });
        var next = JsonNode.Parse(await nextResponse.Content.ReadAsStringAsync())!;
        using var restResponse = await _server.Client.PostAsync($"api/v1/playlists/{session}/next", null);
        var rest = JsonNode.Parse(await restResponse.Content.ReadAsStringAsync())!;
        var view = await _server.GetJsonAsync($"api/v1/playlists/{session}");

        var ids = first["items"]!.AsArray().Concat(next["items"]!.AsArray()).Concat(rest["items"]!.AsArray()).Select(i => (long)i!["track_id"]!).ToList();
        Assert.Equal(3, next["items"]!.AsArray().Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.DoesNotContain(Id(0), ids);
        Assert.Equal(_tracks.Count - 1, ids.Count);
        Assert.Equal(ids, view["items"]!.AsArray().Select(i => (long)i!["track_id"]!));
        Assert.Equal(("similar", 3), ((string?)view["mode"], (int)view["batches"]!));
    }

    [Fact]
    public async Task Unknown_and_expired_sessions_are_404()
    {
        var (_, created) = await PostAsync(new { mode = "vibe", n = 1 });
        var session = (string)created["session_id"]!;

        Assert.Equal(HttpStatusCode.NotFound, (await _server.Client.GetAsync($"api/v1/playlists/{Guid.NewGuid():N}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _server.Client.PostAsync("api/v1/playlists/not-a-session/next", null)).StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(3)); // The test server keeps idle sessions for 1.2 s.
        Assert.Equal(HttpStatusCode.NotFound, (await _server.Client.GetAsync($"api/v1/playlists/{session}")).StatusCode);
    }

    private long Id(int index) => (long)_tracks[index]!["id"]!;

    private async Task<(HttpStatusCode Status, JsonNode Body)> PostAsync(object request)
    {
        using var response = await _server.Client.PostAsJsonAsync("api/v1/playlists", request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }
}
