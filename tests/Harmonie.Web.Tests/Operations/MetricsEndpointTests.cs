using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Harmonie.TestSupport;
using Harmonie.Web.Tests.Infrastructure;

namespace Harmonie.Web.Tests.Operations;

public sealed class MetricsEndpointTests : IDisposable
{
    private readonly ToneLibrary _library = ToneLibrary.Create(4, seconds: 4);

    [Fact]
    public async Task Metrics_show_http_scan_analysis_index_and_playlist_activity_in_the_prometheus_format()
    {
        await using var server = await HarmonieTestServer.StartAsync([_library.Root]);
        await server.ScanAsync();
        var first = (long)(await server.ListTracksAsync())[0]!["id"]!;
        await server.GetJsonEventuallyAsync($"api/v1/tracks/{first}/similar?limit=3", j => j["matches"]!.AsArray().Count == 3);
        using var playlist = await server.Client.PostAsync(
            "api/v1/playlists", new StringContent($$"""{"mode":"drift","seeds":[{{first}}],"n":3}""", Encoding.UTF8, "application/json"));
        playlist.EnsureSuccessStatusCode();

        using var response = await server.Client.GetAsync("metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Matches("""http_server_request_duration_seconds_bucket\{[^}]*http_route="/api/v1/tracks/\{id\}/similar"[^}]*\}""", text);
        // Other test hosts in this process add their catalogs to the gauge, so at least this library's 4.
        var tracks = Regex.Match(text, """harmonie_tracks\{[^}]*model="harmonie-dsp-2"[^}]*\} (\d+)""");
        Assert.True(tracks.Success && long.Parse(tracks.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 4, text);
        Assert.Contains("harmonie_scans_started_total", text, StringComparison.Ordinal);
        Assert.Matches("""harmonie_scans_finished_total\{[^}]*outcome="completed"[^}]*\}""", text);
        Assert.Matches("""harmonie_scan_files_total\{[^}]*result="full"[^}]*\}""", text);
        Assert.Contains("harmonie_analysis_duration_seconds_bucket", text, StringComparison.Ordinal);
        Assert.Contains("harmonie_decode_duration_seconds_bucket", text, StringComparison.Ordinal);
        Assert.Matches("""harmonie_index_vectors\{[^}]*model="harmonie-dsp-2"[^}]*\}""", text);
        Assert.Contains("harmonie_index_query_duration_seconds_bucket", text, StringComparison.Ordinal);
        Assert.Matches("""harmonie_playlist_duration_seconds_count\{[^}]*mode="drift"[^}]*\}""", text);
        Assert.Contains("orleans_", text, StringComparison.Ordinal);

        // Every series the shipped Grafana dashboard queries must exist, so the dashboard cannot drift.
        var dashboard = File.ReadAllText(TestData.RepositoryFile("deploy", "monitoring", "grafana-dashboard.json"));
        var queried = Regex.Matches(dashboard, @"\b([a-z][a-z0-9_]+)\{").Select(m => m.Groups[1].Value).ToHashSet();
        Assert.NotEmpty(queried);
        Assert.All(queried, name => Assert.Contains(name, text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_an_api_key_metrics_need_it_as_a_header_or_a_bearer_token()
    {
        await using var server = await HarmonieTestServer.StartAsync([_library.Root], s => s with { ApiKey = "s3cret" });

        using var anonymous = await server.Client.GetAsync("metrics");
        using var wrong = await Send(server, new AuthenticationHeaderValue("Bearer", "nope"));
        using var bearer = await Send(server, new AuthenticationHeaderValue("Bearer", "s3cret"));
        using var keyed = new HttpRequestMessage(HttpMethod.Get, "metrics") { Headers = { { "X-API-Key", "s3cret" } } };
        using var header = await server.Client.SendAsync(keyed);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("\"detail\"", await anonymous.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bearer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, header.StatusCode);
    }

    private static Task<HttpResponseMessage> Send(HarmonieTestServer server, AuthenticationHeaderValue authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "metrics");
        request.Headers.Authorization = authorization;
        return server.Client.SendAsync(request);
    }

    public void Dispose() => _library.Dispose();
}
