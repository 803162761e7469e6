using System.Net;
using System.Text.Json.Nodes;
using Harmonie.TestSupport;
using Harmonie.Web.Tests.Infrastructure;

namespace Harmonie.Web.Tests.Similarity;

/// <summary>/similar, filtered /tracks, /genres and /styles over a scanned library analysed with the tiny EffNet model.</summary>
public sealed class SimilarityApiTests : IAsyncLifetime
{
    private readonly GeneratedLibrary _library = GeneratedLibrary.Create();
    private readonly TempDirectory _models = new("harmonie-models");
    private HarmonieTestServer _server = null!;
    private JsonArray _tracks = null!;

    public async Task InitializeAsync()
    {
        TinyModelsDirectory.Create(_models.Path);
        _server = await HarmonieTestServer.StartAsync([_library.Root], s => s with { ModelsDirs = [_models.Path] });
        await _server.ScanAsync();
        _tracks = await _server.ListTracksAsync();

        // The index follows the catalog through the change stream; wait until it has every track.
        await _server.GetJsonEventuallyAsync($"api/v1/tracks/{(long)_tracks[0]!["id"]!}/similar?limit=50", j => j["matches"]!.AsArray().Count == _tracks.Count - 1);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _models.Dispose();
        _library.Dispose();
    }

    [Fact]
    public async Task The_tiny_effnet_model_is_in_use_and_styles_are_stored()
    {
        var status = await _server.GetJsonAsync("api/v1/status");
        Assert.Equal(("discogs-effnet-bs64-1", 1280), ((string?)status["embedding_model"], (int)status["embedding_dim"]!));
        Assert.Equal(_library.GoodFiles.Count, (long)status["by_model"]!["discogs-effnet-bs64-1"]!);
        Assert.All(_tracks, t => Assert.InRange(t!["styles"]!.AsArray().Count, 1, 10));
    }

    [Fact]
    public async Task Similar_ranks_other_tracks_of_the_same_model_by_cosine()
    {
        var id = (long)_tracks[0]!["id"]!;

        var result = await _server.GetJsonAsync($"api/v1/tracks/{id}/similar");

        Assert.Equal(id, (long)result["query_id"]!);
        var matches = result["matches"]!.AsArray();
        Assert.Equal(_tracks.Count - 1, matches.Count);
        Assert.DoesNotContain(matches, m => (long)m!["track_id"]! == id);
        var scores = matches.Select(m => (double)m!["score"]!).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
        Assert.All(scores, s => Assert.InRange(s, -1.0, 1.0));
        var first = matches[0]!;
        foreach (var field in new[] { "path", "library_root", "relative_path", "artist", "album", "title", "track_number", "styles" })
        {
            Assert.True(((JsonObject)first).ContainsKey(field), field);
        }
    }

    [Fact]
    public async Task Include_self_puts_the_track_first_with_score_one_and_limit_caps_the_list()
    {
        var id = (long)_tracks[2]!["id"]!;

        var matches = (await _server.GetJsonAsync($"api/v1/tracks/{id}/similar?include_self=true&limit=3"))["matches"]!.AsArray();

        Assert.Equal(3, matches.Count);
        Assert.Equal(id, (long)matches[0]!["track_id"]!);
        Assert.Equal(1.0, (double)matches[0]!["score"]!, 5);
    }

    [Fact]
    public async Task A_filter_gates_the_candidates()
    {
        var id = (long)_tracks[0]!["id"]!;
        var other = _tracks[3]!;
        var style = (string)other["styles"]![0]!["style"]!;
        var genre = style.Split("---")[0];

        var matches = (await _server.GetJsonAsync($"api/v1/tracks/{id}/similar?style_min=0.99&genre={Uri.EscapeDataString(genre)}"))["matches"]!.AsArray();
        var listed = await _server.GetJsonAsync($"api/v1/tracks?genre={Uri.EscapeDataString(genre)}&style_min=0.05");

        Assert.Empty(matches);
        Assert.Contains(listed["items"]!.AsArray(), t => (long)t!["id"]! == (long)other["id"]!);
        Assert.All(listed["items"]!.AsArray(), t => Assert.Contains(t!["styles"]!.AsArray(), s => ((string)s!["style"]!).StartsWith(genre + "---", StringComparison.OrdinalIgnoreCase)));
    }

    [Theory]
    [InlineData("api/v1/tracks/99999/similar", HttpStatusCode.NotFound)]
    [InlineData("api/v1/tracks/1/similar?limit=0", HttpStatusCode.UnprocessableEntity)]
    [InlineData("api/v1/tracks/1/similar?limit=501", HttpStatusCode.UnprocessableEntity)]
    [InlineData("api/v1/tracks/1/similar?bpm=foo..bar", HttpStatusCode.BadRequest)]
    [InlineData("api/v1/tracks?bpm=130..120", HttpStatusCode.BadRequest)]
    [InlineData("api/v1/tracks?genre=Electronic---House", HttpStatusCode.BadRequest)]
    [InlineData("api/v1/tracks?style_mode=some", HttpStatusCode.UnprocessableEntity)]
    [InlineData("api/v1/styles?genre=Electronic---House", HttpStatusCode.BadRequest)]
    [InlineData("api/v1/genres?style_min=2", HttpStatusCode.UnprocessableEntity)]
    public async Task Bad_queries_are_rejected_with_a_detail(string path, HttpStatusCode status)
    {
        using var response = await _server.Client.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.NotNull((string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]);
    }

    [Fact]
    public async Task Genres_and_styles_count_style_rows_and_respect_style_min_and_scope()
    {
        var genres = await _server.GetJsonAsync("api/v1/genres");
        var styles = await _server.GetJsonAsync("api/v1/styles");
        var rows = _tracks.SelectMany(t => t!["styles"]!.AsArray()).ToList();

        Assert.Equal(rows.Count, genres["items"]!.AsArray().Sum(g => (long)g!["track_count"]!));
        Assert.Equal(rows.Count, styles["items"]!.AsArray().Sum(s => (long)s!["track_count"]!));
        Assert.Equal(genres["items"]!.AsArray().Count, (int)genres["total"]!);
        var genre = (string)genres["items"]![0]!["genre"]!;
        var scoped = await _server.GetJsonAsync($"api/v1/styles?genre={Uri.EscapeDataString(genre.ToUpperInvariant())}");
        Assert.All(scoped["items"]!.AsArray(), s => Assert.StartsWith(genre + "---", (string)s!["style"]!));
        var strict = await _server.GetJsonAsync("api/v1/styles?style_min=0.99");
        Assert.True((int)strict["total"]! < (int)styles["total"]!);
    }

    [Fact]
    public async Task A_new_track_is_searchable_after_its_scan_and_the_index_survives_a_restart()
    {
        var id = (long)_tracks[0]!["id"]!;
        var before = (await _server.GetJsonAsync($"api/v1/tracks/{id}/similar?limit=50"))["matches"]!.ToJsonString();
        File.Copy(_library.Path(_library.GoodFiles[2]), _library.Path("Beta/Second/08 Copy.ogg"));
        await _server.ScanAsync();
        var withNew = (await _server.GetJsonEventuallyAsync(
            $"api/v1/tracks/{id}/similar?limit=50", j => j["matches"]!.AsArray().Count == _tracks.Count, TimeSpan.FromSeconds(2)))["matches"]!.AsArray();
        Assert.Contains(withNew, m => ((string)m!["path"]!).EndsWith("08 Copy.ogg", StringComparison.Ordinal));

        await _server.RestartAsync();

        var afterRestart = (await _server.GetJsonAsync($"api/v1/tracks/{id}/similar?limit=50"))["matches"]!.ToJsonString();
        Assert.Equal(withNew.ToJsonString(), afterRestart);
        Assert.NotEqual(before, afterRestart);
    }
}
