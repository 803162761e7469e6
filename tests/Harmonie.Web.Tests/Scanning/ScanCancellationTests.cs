using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Harmonie.TestSupport;
using Harmonie.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Harmonie.Web.Tests.Scanning;

[Collection(TimingCollection.Name)]
public sealed class ScanCancellationTests(ITestOutputHelper output) : IDisposable
{
    private readonly ToneLibrary _library = ToneLibrary.Create(2, seconds: 1);

    [Fact]
    public async Task Delete_scan_stops_a_running_scan_within_two_seconds_records_it_cancelled_and_skips_pruning()
    {
        await using var server = await HarmonieTestServer.StartAsync([_library.Root], s => s with { Workers = 1 });
        await server.ScanAsync();
        var deleted = _library.PathOf(_library.Files[0]);
        File.Delete(deleted);
        for (var i = 0; i < 30; i++)
        {
            WaveFile.PulsedTone(_library.PathOf($"More/Tone {i:D2}.wav"), 500 + (13.7 * i), 2);
        }

        var scansBefore = (long)(await server.GetJsonAsync("api/v1/scans"))["total"]!;
        await PostJsonAsync(server, "api/v1/scan");
        var running = await server.GetJsonEventuallyAsync("api/v1/scan", s => (long)s["full"]! >= 1, TimeSpan.FromSeconds(60));
        Assert.Equal(("scanning", "extracting"), ((string?)running["state"], (string?)running["phase"]));

        // A second POST while scanning changes nothing: same scan, its force flag dropped.
        var second = await PostJsonAsync(server, "api/v1/scan?force=true");
        Assert.Equal("scanning", (string?)second["state"]);
        Assert.Equal((double?)running["started_at"], (double?)second["started_at"]);

        var requested = DateTime.UtcNow;
        using var cancel = await server.Client.DeleteAsync("api/v1/scan");
        var stopped = await server.WaitForIdleAsync(TimeSpan.FromSeconds(10));
        var elapsed = DateTime.UtcNow - requested;

        Assert.True((bool)(await cancel.Content.ReadFromJsonAsync<JsonNode>())!["cancelled"]!);
        output.WriteLine($"stopped {elapsed.TotalMilliseconds:0} ms after DELETE, {stopped["full"]} of 30 analysed");
        Assert.True(elapsed < TimeSpan.FromSeconds(2), $"stopped after {elapsed}");
        Assert.Equal(("idle", "cancelled by user", 0L), ((string?)stopped["state"], (string?)stopped["last_error"], (long)stopped["removed"]!));
        Assert.InRange((long)stopped["full"]!, 1, 29);

        var history = await server.GetJsonAsync("api/v1/scans");
        Assert.Equal(scansBefore + 1, (long)history["total"]!);
        var row = history["items"]![0]!;
        Assert.Equal(("cancelled", "cancelled by user", false, 0L), ((string?)row["state"], (string?)row["last_error"], (bool)row["forced"]!, (long)row["removed"]!));
        Assert.Contains(await server.ListTracksAsync(), t => (string?)t!["path"] == deleted); // Pruning was skipped.
        Assert.False((bool)(await (await server.Client.DeleteAsync("api/v1/scan")).Content.ReadFromJsonAsync<JsonNode>())!["cancelled"]!);
    }

    public void Dispose() => _library.Dispose();

    private static async Task<JsonNode> PostJsonAsync(HarmonieTestServer server, string path)
    {
        using var response = await server.Client.PostAsync(path, null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }
}
