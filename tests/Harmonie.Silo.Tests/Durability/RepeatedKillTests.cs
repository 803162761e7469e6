using System.Text.Json.Nodes;
using Harmonie.TestSupport;
using Xunit.Abstractions;

namespace Harmonie.Silo.Tests.Durability;

/// <summary>
/// <c>kill -9</c> at random moments of forced scans (rows being rewritten), five times over the same data
/// directory: after every restart each track listed before the kill is still there with the same values, and a
/// final scan completes the library.
/// </summary>
public sealed class RepeatedKillTests(ITestOutputHelper output) : IDisposable
{
    private const int LibrarySize = 30;
    private const int Kills = 5;
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ScanTimeout = TimeSpan.FromMinutes(3);
    private readonly ToneLibrary _library = ToneLibrary.Create(LibrarySize, seconds: 2);
    private readonly TempDirectory _data = new("harmonie-kills");

    [Fact]
    public async Task Five_kills_at_random_moments_lose_no_listed_track_and_the_next_scan_completes_the_library()
    {
        var seed = Environment.TickCount;
        var random = new Random(seed);
        output.WriteLine($"seed {seed}");
        var listed = new Dictionary<long, JsonNode>();
        var midScan = 0;
        for (var kill = 1; kill <= Kills; kill++)
        {
            await using var harmonie = await HarmonieProcess.StartAsync(_data.Path, _library.Root, workers: 1, Startup);
            await AssertStillThereAsync(harmonie, listed, kill);

            (await harmonie.Client.PostAsync("api/v1/scan?force=true", null)).EnsureSuccessStatusCode();
            var delay = TimeSpan.FromMilliseconds(random.Next(200, 2500));
            await Task.Delay(delay);
            listed = await harmonie.TracksAsync();
            var state = await harmonie.GetJsonAsync("api/v1/scan");
            await harmonie.KillAsync();
            midScan += (string?)state["state"] == "scanning" ? 1 : 0;
            output.WriteLine($"kill {kill} after {delay.TotalMilliseconds:0} ms: {listed.Count} track(s) listed, scan {state["state"]} with full {state["full"]}");
        }

        Assert.True(midScan >= Kills - 1, $"only {midScan} of {Kills} kills landed during a scan");
        await using var last = await HarmonieProcess.StartAsync(_data.Path, _library.Root, workers: 1, Startup);
        await AssertStillThereAsync(last, listed, Kills + 1);
        (await last.Client.PostAsync("api/v1/scan", null)).EnsureSuccessStatusCode();
        var done = await last.PollAsync("api/v1/scan", ScanTimeout, s => (string?)s["state"] != "scanning");

        Assert.Equal(("idle", 0L), ((string?)done["state"], (long)done["failed"]!));
        Assert.Equal(LibrarySize, (long)(await last.GetJsonAsync("api/v1/status"))["tracks"]!);
        Assert.Equal(LibrarySize, (await last.TracksAsync()).Count);
        var history = (JsonArray)(await last.GetJsonAsync("api/v1/scans?limit=100"))["items"]!;
        Assert.Equal("completed", (string?)history[0]!["state"]);
        Assert.DoesNotContain(history, scan => (string?)scan!["state"] == "running");
    }

    /// <summary>A forced scan re-analyses a track to the same values at a later time.</summary>
    private static JsonNode WithoutAnalysisTime(JsonNode track)
    {
        var copy = track.DeepClone().AsObject();
        copy.Remove("analyzed_at");
        return copy;
    }

    public void Dispose()
    {
        _library.Dispose();
        _data.Dispose();
    }

    private static async Task AssertStillThereAsync(HarmonieProcess harmonie, Dictionary<long, JsonNode> listed, int restart)
    {
        foreach (var (id, before) in listed)
        {
            var after = await harmonie.GetJsonAsync($"api/v1/tracks/{id}");
            Assert.True(JsonNode.DeepEquals(WithoutAnalysisTime(before), WithoutAnalysisTime(after)), $"restart {restart}: track {id} changed:\n{before.ToJsonString()}\n{after.ToJsonString()}");
        }

        var status = await harmonie.GetJsonAsync("api/v1/status");
        Assert.True((long)status["tracks"]! >= listed.Count, $"restart {restart}: {status["tracks"]} tracks, {listed.Count} were listed");
    }
}
