using System.Net;
using System.Text.Json.Nodes;
using Harmonie.TestSupport;
using Harmonie.Web.Tests.Infrastructure;

namespace Harmonie.Web.Tests.Api;

/// <summary>API.md conventions on an empty service: shapes, errors, auth, CORS, OpenAPI, docs.</summary>
public sealed class ApiConventionTests : IAsyncLifetime
{
    private readonly TempDirectory _library = new("harmonie-empty-library");
    private HarmonieTestServer _server = null!;

    public async Task InitializeAsync() => _server = await HarmonieTestServer.StartAsync([_library.Path]);

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _library.Dispose();
    }

    [Fact]
    public async Task Health_is_public_and_ok()
    {
        var health = await _server.GetJsonAsync("health");
        Assert.Equal("ok", (string?)health["status"]);
    }

    [Fact]
    public async Task Status_reports_every_field_with_real_values()
    {
        var status = (JsonObject)await _server.GetJsonAsync("api/v1/status");

        string[] fields = ["version", "embedding_dim", "libraries", "workers", "db_path", "schema_version", "descriptor_version", "tracks", "total_duration_sec", "db_size_bytes", "by_model"];
        Assert.All(fields, f => Assert.True(status.ContainsKey(f), $"missing {f}"));
        Assert.Equal(_library.Path, (string?)status["libraries"]![0]);
        Assert.Equal(2, (int)status["workers"]!);
        Assert.Equal(_server.Settings.DbPath, (string?)status["db_path"]);
        Assert.True((int)status["embedding_dim"]! > 0);
        Assert.Equal(0, (long)status["tracks"]!);
        Assert.Equal(0.0, (double)status["total_duration_sec"]!);
        Assert.True((long)status["db_size_bytes"]! > 0);
        Assert.Empty((JsonObject)status["by_model"]!);
        Assert.False(status.ContainsKey("state"));
    }

    [Fact]
    public async Task A_fresh_scan_state_is_idle_with_zero_counters()
    {
        var scan = await _server.GetJsonAsync("api/v1/scan");

        Assert.Equal(("idle", "idle"), ((string?)scan["state"], (string?)scan["phase"]));
        Assert.Null(scan["started_at"]);
        Assert.Equal(0, (long)scan["discovered"]!);
        Assert.Empty(scan["recent_failures"]!.AsArray());
    }

    [Fact]
    public async Task A_post_while_scanning_is_a_no_op_and_returns_the_live_state()
    {
        using var library = GeneratedLibrary.Create();
        await using var server = await HarmonieTestServer.StartAsync([library.Root]);

        using var first = await server.Client.PostAsync("api/v1/scan", null);
        using var second = await server.Client.PostAsync("api/v1/scan?force=true", null);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("scanning", (string?)JsonNode.Parse(await first.Content.ReadAsStringAsync())!["state"]);
        Assert.Equal("scanning", (string?)JsonNode.Parse(await second.Content.ReadAsStringAsync())!["state"]);
        await server.WaitForIdleAsync(TimeSpan.FromMinutes(2));
        var history = await server.GetJsonAsync("api/v1/scans");
        Assert.Equal(1, (long)history["total"]!);
        Assert.False((bool)history["items"]![0]!["forced"]!);
    }

    [Fact]
    public async Task Post_scan_rejects_a_non_boolean_force()
    {
        using var response = await _server.Client.PostAsync("api/v1/scan?force=perhaps", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    [Theory]
    [InlineData("api/v1/tracks/999", HttpStatusCode.NotFound, "track 999 not found")]
    [InlineData("api/v1/tracks/abc", HttpStatusCode.UnprocessableEntity, null)]
    [InlineData("api/v1/tracks?limit=0", HttpStatusCode.UnprocessableEntity, null)]
    [InlineData("api/v1/tracks?limit=1001", HttpStatusCode.UnprocessableEntity, null)]
    [InlineData("api/v1/tracks?limit=ten", HttpStatusCode.UnprocessableEntity, null)]
    [InlineData("api/v1/tracks?offset=-1", HttpStatusCode.UnprocessableEntity, null)]
    [InlineData("api/v1/tracks?order_by=title", HttpStatusCode.UnprocessableEntity, null)]
    [InlineData("api/v1/tracks/resolve", HttpStatusCode.BadRequest, "at least one of path, artist, album, title must be provided")]
    [InlineData("api/v1/tracks/resolve?path=/nope.flac", HttpStatusCode.NotFound, "no matching track")]
    [InlineData("api/v1/nothing-here", HttpStatusCode.NotFound, "Not Found")]
    [InlineData("no/such/route", HttpStatusCode.NotFound, "Not Found")]
    public async Task Errors_carry_a_detail(string path, HttpStatusCode status, string? detail)
    {
        using var response = await _server.Client.GetAsync(path);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(status, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace((string?)body["detail"]));
        if (detail is not null)
        {
            Assert.Equal(detail, (string?)body["detail"]);
        }
    }

    [Fact]
    public async Task Empty_listing_has_the_pagination_envelope()
    {
        var page = await _server.GetJsonAsync("api/v1/tracks?limit=5&offset=10&order_by=bpm");

        Assert.Empty(page["items"]!.AsArray());
        Assert.Equal((0L, 5, 10), ((long)page["total"]!, (int)page["limit"]!, (int)page["offset"]!));
    }

    [Fact]
    public async Task OpenApi_document_and_docs_page_are_served_offline_without_dashboard_routes()
    {
        var openApi = await _server.GetJsonAsync("openapi.json");
        var paths = ((JsonObject)openApi["paths"]!).Select(p => p.Key).ToList();
        Assert.Equal("harmonie", (string?)openApi["info"]!["title"]);
        Assert.Contains("/api/v1/tracks", paths);
        Assert.Contains("/health", paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("/dashboard", StringComparison.Ordinal));

        var docs = await _server.Client.GetStringAsync("docs/");
        Assert.Contains("openapi.json", docs);
        Assert.DoesNotContain("fonts.scalar.com", docs);
    }

    [Fact]
    public async Task The_orleans_dashboard_is_reachable()
    {
        using var response = await _server.Client.GetAsync("dashboard/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
