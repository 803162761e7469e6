using Harmonie.TestSupport;
using Harmonie.Web.Tests.Infrastructure;

namespace Harmonie.Web.Tests.Scanning;

public sealed class LibraryReachabilityTests : IDisposable
{
    private readonly ToneLibrary _library = ToneLibrary.Create(2, seconds: 3);

    [Fact]
    public async Task Status_shows_each_root_with_its_reachability_and_track_count()
    {
        var typo = _library.Root + "-typo";
        await using var server = await HarmonieTestServer.StartAsync([_library.Root, typo]);

        var scan = await server.ScanAsync();
        var status = await server.GetJsonAsync("api/v1/status");

        Assert.Equal("idle", (string?)scan["state"]);
        var roots = status["library_roots"]!.AsArray();
        Assert.Equal([_library.Root, typo], roots.Select(r => (string)r!["path"]!));
        Assert.Equal([true, false], roots.Select(r => (bool)r!["reachable"]!));
        Assert.Equal([2L, 0L], roots.Select(r => (long)r!["tracks"]!));
    }

    [Fact]
    public async Task A_scan_whose_roots_are_all_unreachable_ends_in_error_naming_them_and_keeps_the_tracks()
    {
        await using var server = await HarmonieTestServer.StartAsync([_library.Root]);
        await server.ScanAsync();
        var moved = _library.Root + "-unmounted";
        Directory.Move(_library.Root, moved);
        try
        {
            var scan = await server.ScanAsync();

            Assert.Equal("error", (string?)scan["state"]);
            Assert.Contains("no library root is reachable", (string?)scan["last_error"], StringComparison.Ordinal);
            Assert.Contains(_library.Root, (string?)scan["last_error"], StringComparison.Ordinal);
            Assert.Equal(2, (await server.ListTracksAsync()).Count);
        }
        finally
        {
            Directory.Move(moved, _library.Root);
        }
    }

    public void Dispose() => _library.Dispose();
}
