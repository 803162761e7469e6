using System.Text.Json.Nodes;
using Harmonie.TestSupport;
using Xunit.Abstractions;

namespace Harmonie.Silo.Tests.Durability;

/// <summary>"kill -9 at any moment of a scan loses nothing that was finished", checked on the real executable over HTTP.</summary>
public sealed class KillDuringScanTests(ITestOutputHelper output) : IDisposable
{
    private const int LibrarySize = 40;

    /// <summary>Kill once this many tracks are reported finished: several committed writes, most of the library still to do.</summary>
    private const int FinishedBeforeKill = 5;
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ScanTimeout = TimeSpan.FromMinutes(3);
    private readonly ToneLibrary _library = ToneLibrary.Create(LibrarySize, seconds: 2);
    private readonly TempDirectory _data = new("harmonie-kill");

    [Fact]
    public async Task A_killed_scan_keeps_every_finished_track_is_marked_crashed_and_the_next_scan_continues()
    {
        long countedFull;
        Dictionary<long, JsonNode> finished;
        await using (var first = await HarmonieProcess.StartAsync(_data.Path, _library.Root, workers: 1, Startup))
        {
            (await first.Client.PostAsync("api/v1/scan", null)).EnsureSuccessStatusCode();
            var running = await first.PollAsync("api/v1/scan", ScanTimeout, s => (long)s["full"]! >= FinishedBeforeKill || (string?)s["state"] != "scanning");
            Assert.True((string?)running["state"] == "scanning", $"the scan ended before it could be killed: {running.ToJsonString()}");
            countedFull = (long)running["full"]!;

            // What the service shows as finished at this moment, field by field.
            finished = await first.TracksAsync();

            var beforeKill = await first.GetJsonAsync("api/v1/scan");
            Assert.True((string?)beforeKill["state"] == "scanning", $"the scan ended before it could be killed: {beforeKill.ToJsonString()}\n{first.Output}");
            await first.KillAsync();
        }

        Assert.True(finished.Count >= countedFull, $"{finished.Count} track(s) listed, {countedFull} counted as finished");
        Assert.InRange(finished.Count, FinishedBeforeKill, LibrarySize - 1);

        await using var second = await HarmonieProcess.StartAsync(_data.Path, _library.Root, workers: 1, Startup);

        // Every finished track survived with all its fields.
        foreach (var (id, before) in finished)
        {
            var after = await second.GetJsonAsync($"api/v1/tracks/{id}");
            Assert.True(JsonNode.DeepEquals(before, after), $"track {id} changed:\n{before.ToJsonString()}\n{after.ToJsonString()}");
        }

        // The interrupted scan is reported as an error and recorded as crashed.
        var state = await second.GetJsonAsync("api/v1/scan");
        Assert.Equal("error", (string?)state["state"]);
        Assert.Contains("interrupted", (string?)state["last_error"], StringComparison.Ordinal);
        var history = (JsonArray)(await second.GetJsonAsync("api/v1/scans"))["items"]!;
        var interrupted = Assert.Single(history)!;
        Assert.Equal("crashed", (string?)interrupted["state"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)interrupted["last_error"]));

        // The next scan skips what was analysed and analyses only the rest.
        var present = (long)(await second.GetJsonAsync("api/v1/status"))["tracks"]!;
        Assert.True(present >= finished.Count);
        (await second.Client.PostAsync("api/v1/scan", null)).EnsureSuccessStatusCode();
        var done = await second.PollAsync("api/v1/scan", ScanTimeout, s => (string?)s["state"] != "scanning");
        Assert.Equal(("idle", null), ((string?)done["state"], (string?)done["last_error"]));
        Assert.Equal(
            (LibrarySize, present, LibrarySize - present, 0L),
            ((long)done["discovered"]!, (long)done["skipped"]!, (long)done["full"]!, (long)done["failed"]!));
        output.WriteLine($"killed with {countedFull} counted and {finished.Count} listed as finished; {present} present after restart; the next scan analysed {done["full"]}");
        Assert.Equal(LibrarySize, (long)(await second.GetJsonAsync("api/v1/status"))["tracks"]!);
        Assert.Equal(LibrarySize, ((JsonArray)(await second.GetJsonAsync("api/v1/tracks?limit=1000"))["items"]!).Count);
        Assert.Equal("completed", (string?)(await second.GetJsonAsync("api/v1/scans"))["items"]![0]!["state"]);
    }

    public void Dispose()
    {
        _library.Dispose();
        _data.Dispose();
    }
}
