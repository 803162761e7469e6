using System.Text.Json.Nodes;
using Harmonie.Engines.Catalog;
using Harmonie.TestSupport;
using Harmonie.Web.Tests.Infrastructure;

namespace Harmonie.Web.Tests.Scanning;

public sealed class ScanScheduleTests : IDisposable
{
    private readonly ToneLibrary _library = ToneLibrary.Create(2, seconds: 1);

    [Fact]
    public async Task Periodic_scans_continue_after_the_startup_scan_crashed()
    {
        // The startup scan finds the catalog failing once; the schedule (every 1.8 s) must carry on regardless.
        await using var server = await HarmonieTestServer.StartAsync(
            [_library.Root],
            s => s with { ScanOnStartup = true, ScanIntervalHours = 0.0005 },
            HarmonieTestServer.InjectCatalogFaults(f => f.Fail(nameof(ILibraryStateStore.GetLibraryRootsAsync), new IOException("library on fire"))));

        var history = await server.GetJsonEventuallyAsync(
            "api/v1/scans", h => h["items"]!.AsArray().Any(s => (string?)s!["state"] == "completed"), TimeSpan.FromSeconds(60));

        var scans = history["items"]!.AsArray().Reverse().ToList(); // Oldest first.
        Assert.Equal(("crashed", "IOException: library on fire"), ((string?)scans[0]!["state"], (string?)scans[0]!["last_error"]));
        var completed = scans.First(s => (string?)s!["state"] == "completed")!;
        Assert.Equal(2, (long)completed["full"]!);
        Assert.True((double)completed["started_at"]! - (double)scans[0]!["finished_at"]! >= 1.5, "the periodic scan waited for its interval");
        Assert.Equal(2, (await server.ListTracksAsync()).Count);
    }

    public void Dispose() => _library.Dispose();
}
