using Harmonie.TestSupport;
using Harmonie.Web.Tests.Infrastructure;

namespace Harmonie.Web.Tests.Scanning;

/// <summary>
/// A disk too full for the catalog stops the scan cleanly, keeps every read working and recovers by itself once
/// there is room. Here "full" is a free-space floor above what the disk has; scripts/disk-full-test.sh fills a
/// real (tmpfs) disk.
/// </summary>
public sealed class DiskFullTests : IDisposable
{
    private readonly ToneLibrary _library = ToneLibrary.Create(3, seconds: 2);

    [Fact]
    public async Task A_full_disk_ends_the_scan_in_error_keeps_reads_working_and_the_next_scan_recovers()
    {
        await using var server = await HarmonieTestServer.StartAsync([_library.Root]);
        await server.ScanAsync();

        await server.RestartAsync(s => s with { MinFreeMegabytes = 1e12 });
        var refused = await server.ScanAsync(force: true);
        var tracks = await server.ListTracksAsync();
        var history = await server.GetJsonAsync("api/v1/scans");

        Assert.Equal("error", (string?)refused["state"]);
        Assert.Contains("the disk is full", (string?)refused["last_error"], StringComparison.Ordinal);
        Assert.Equal(3, tracks.Count);
        Assert.Equal(1L, (long)history["total"]!); // Nothing was written for the refused scan.

        await server.RestartAsync(s => s with { MinFreeMegabytes = 100 });
        var recovered = await server.ScanAsync(force: true);
        Assert.Equal(("idle", 3L), ((string?)recovered["state"], (long)recovered["full"]!));
    }

    public void Dispose() => _library.Dispose();
}
