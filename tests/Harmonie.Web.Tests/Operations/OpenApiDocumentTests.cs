using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Harmonie.Web.Contracts.Requests;
using Harmonie.Web.Tests.Infrastructure;

namespace Harmonie.Web.Tests.Operations;

public sealed class OpenApiDocumentTests : IAsyncLifetime
{
    private HarmonieTestServer _server = null!;
    private JsonNode _document = null!;

    public async Task InitializeAsync()
    {
        _server = await HarmonieTestServer.StartAsync([]);
        _document = await _server.GetJsonAsync("openapi.json");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public void The_playlist_body_is_documented_field_by_field_and_the_next_body_is_optional()
    {
        var body = Operation("/api/v1/playlists", "post")["requestBody"]!;
        var properties = body["content"]!["application/json"]!["schema"]!["properties"]!.AsObject().Select(p => p.Key).ToList();

        Assert.Subset(
            properties.ToHashSet(),
            new HashSet<string> { "mode", "n", "filter", "seeds", "seed_refs", "include_seeds", "smooth_transitions", "chunk_size", "target", "shuffle", "rng_seed" });
        Assert.False((bool?)Operation("/api/v1/playlists/{sessionId}/next", "post")["requestBody"]!["required"] ?? false);
        Assert.DoesNotContain("JsonElement", _document["components"]!["schemas"]!.AsObject().Select(s => s.Key));
    }

    [Theory]
    [InlineData("/api/v1/tracks")]
    [InlineData("/api/v1/tracks/{id}/similar")]
    public void Listing_and_similar_document_the_whole_url_filter_language(string path)
    {
        var names = Operation(path, "get")["parameters"]!.AsArray().Select(p => (string)p!["name"]!).ToList();

        Assert.Subset(names.ToHashSet(), new HashSet<string> { "bpm", "danceability", "loudness", "key", "scale", "genre", "style", "style_min", "style_mode" });
    }

    [Fact]
    public void Every_api_operation_documents_its_errors_with_the_detail_schema_and_extensions_are_marked()
    {
        var operations = _document["paths"]!.AsObject()
            .Where(p => p.Key.StartsWith("/api/v1", StringComparison.Ordinal))
            .SelectMany(p => p.Value!.AsObject().Select(o => (Path: p.Key, Method: o.Key, Operation: o.Value!)))
            .ToList();

        Assert.All(operations, o =>
        {
            var responses = o.Operation["responses"]!.AsObject();
            Assert.Contains("401", responses.Select(r => r.Key));
            Assert.Contains("503", responses.Select(r => r.Key));
            Assert.All(responses.Where(r => r.Key[0] is '4' or '5'), r =>
                Assert.NotNull(Resolve(r.Value!["content"]!["application/json"]!["schema"]!)["properties"]!["detail"]));
        });
        Assert.Equal(
            ["400", "404", "422"],
            Operation("/api/v1/playlists", "post")["responses"]!.AsObject().Select(r => r.Key).Where(k => k[0] == '4' && k != "401").Order());
        Assert.True((bool?)Operation("/api/v1/scan", "delete")["x-harmonie-extension"]);
        Assert.True((bool?)Operation("/api/v1/scans", "get")["x-harmonie-extension"]);
        Assert.Null(Operation("/api/v1/tracks", "get")["x-harmonie-extension"]);
    }

    [Fact]
    public async Task The_docs_page_is_offline_and_offers_no_hosted_product_features()
    {
        var page = await _server.Client.GetStringAsync("docs/");

        Assert.Contains("\"agent\":{\"disabled\":true}", page, StringComparison.Ordinal);
        Assert.Contains("\"mcp\":{\"disabled\":true}", page, StringComparison.Ordinal);
        Assert.Contains("\"showDeveloperTools\":\"never\"", page, StringComparison.Ordinal);
        Assert.Contains("\"telemetry\":false", page, StringComparison.Ordinal);
        Assert.Contains("\"hideClientButton\":true", page, StringComparison.Ordinal);
    }

    /// <summary>The documented body cannot drift from the parser: the parser rejects a bad value of every documented field by name.</summary>
    [Fact]
    public async Task The_playlist_parser_reads_every_documented_field()
    {
        foreach (var field in FieldNames(typeof(PlaylistRequestBody)).Where(f => f != "mode"))
        {
            Assert.True(await RejectedByNameAsync(field, (mode, bad) => new JsonObject { ["mode"] = mode, ["seeds"] = new JsonArray(1), [field] = bad }), field);
        }

        foreach (var field in FieldNames(typeof(FilterBody)))
        {
            Assert.True(await RejectedByNameAsync(field, (mode, bad) => new JsonObject { ["mode"] = mode, ["seeds"] = new JsonArray(1), ["filter"] = new JsonObject { [field] = bad } }), "filter." + field);
        }
    }

    /// <summary>True when some mode rejects some ill-typed value of the field with an error that names it.</summary>
    private async Task<bool> RejectedByNameAsync(string field, Func<string, JsonNode, JsonObject> body)
    {
        foreach (var (mode, bad) in from m in new[] { "similar", "drift", "vibe" }
                                    from b in new Func<JsonNode>[] { () => JsonValue.Create("\u2603x"), () => new JsonObject { ["\u2603"] = 1 } }
                                    select (m, b()))
        {
            using var response = await _server.Client.PostAsync(
                "api/v1/playlists", new StringContent(body(mode, bad).ToJsonString(), Encoding.UTF8, "application/json"));
            var detail = JsonNode.Parse(await response.Content.ReadAsStringAsync())?["detail"]?.ToJsonString() ?? string.Empty;
            if (response.StatusCode is HttpStatusCode.UnprocessableEntity or HttpStatusCode.BadRequest && detail.Contains(field, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<string> FieldNames(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name));

    private JsonNode Resolve(JsonNode schema) =>
        (string?)schema["$ref"] is { } reference ? _document["components"]!["schemas"]![reference.Split('/')[^1]]! : schema;

    private JsonNode Operation(string path, string method) => _document["paths"]![path]![method]!;
}
