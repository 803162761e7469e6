using System.Text.Json.Nodes;
using Harmonie.TestSupport;
using Harmonie.Web.Tests.Infrastructure;

namespace Harmonie.Web.Tests.Scanning;

/// <summary>The issue's end-to-end story: scan, rescan, touch, delete, move — checked over HTTP.</summary>
public sealed class LibraryScanTests : IDisposable
{
    private readonly GeneratedLibrary _library = GeneratedLibrary.Create();

    [Fact]
    public async Task A_library_goes_through_scan_rescan_touch_delete_and_move()
    {
        await using var server = await HarmonieTestServer.StartAsync([_library.Root]);

        // First scan: every good file analysed, the corrupt one recorded, dot-file and text file ignored.
        var first = await server.ScanAsync();
        Assert.Equal(("idle", "idle"), ((string?)first["state"], (string?)first["phase"]));
        Assert.Equal(_library.DiscoverableCount, (long)first["discovered"]!);
        Assert.Equal(_library.GoodFiles.Count, (long)first["full"]!);
        Assert.Equal(1, (long)first["failed"]!);
        Assert.Equal((0L, 0L, 0L), ((long)first["skipped"]!, (long)first["descriptors_only"]!, (long)first["removed"]!));
        var failure = first["recent_failures"]!.AsArray().Single()!.AsArray();
        Assert.Equal(_library.Path(_library.CorruptFile), (string?)failure[0]);
        Assert.False(string.IsNullOrWhiteSpace((string?)failure[1]));

        var tracks = await server.ListTracksAsync();
        Assert.Equal(_library.GoodFiles.Count, tracks.Count);
        foreach (var relative in _library.GoodFiles)
        {
            var track = tracks.Single(t => (string?)t!["relative_path"] == relative)!;
            Assert.Equal(_library.Path(relative), (string?)track["path"]);
            Assert.Equal(_library.Root, (string?)track["library_root"]);
            Assert.InRange((double)track["duration"]!, 2.9, 4.1);
            Assert.NotNull((string?)track["model"]);
        }

        var tagless = tracks.Single(t => (string?)t!["relative_path"] == _library.TaglessFile)!;
        Assert.Null((string?)tagless["artist"]);
        Assert.Null((string?)tagless["title"]);
        var unicode = tracks.Single(t => (string?)t!["relative_path"] == _library.NonAsciiFile)!;
        Assert.Equal(("Ünïcødé — 東京", "Песня", 7), ((string?)unicode["artist"], (string?)unicode["title"], (int?)unicode["track_number"]));

        var detail = await server.GetJsonAsync($"api/v1/tracks/{(long)unicode["id"]!}");
        Assert.True((double)detail["analyzed_at"]! > 1_700_000_000);
        Assert.True((long)detail["size"]! > 0);
        Assert.True((double)detail["mtime"]! > 1_700_000_000);
        Assert.True((int)detail["embedding_dim"]! > 0);

        // Rescan: nothing changed, nothing analysed.
        var rescan = await server.ScanAsync();
        Assert.Equal((long)_library.GoodFiles.Count, (long)rescan["skipped"]!);
        Assert.Equal((0L, 1L), ((long)rescan["full"]!, (long)rescan["failed"]!));

        // Touch one file: exactly that one is analysed again, keeping its id.
        var touched = _library.Path(_library.GoodFiles[0]);
        var touchedId = (long)tracks.Single(t => (string?)t!["path"] == touched)!["id"]!;
        File.SetLastWriteTimeUtc(touched, DateTime.UtcNow.AddMinutes(5));
        var afterTouch = await server.ScanAsync();
        Assert.Equal((1L, _library.GoodFiles.Count - 1L), ((long)afterTouch["full"]!, (long)afterTouch["skipped"]!));
        Assert.Equal(touched, (string?)(await server.GetJsonAsync($"api/v1/tracks/{touchedId}"))["path"]);

        // Delete one file: its row is removed.
        var deleted = _library.Path(_library.GoodFiles[1]);
        File.Delete(deleted);
        var afterDelete = await server.ScanAsync();
        Assert.Equal(1, (long)afterDelete["removed"]!);
        Assert.DoesNotContain(await server.ListTracksAsync(), t => (string?)t!["path"] == deleted);

        // Move the library to a new root and reconfigure: rows are re-pointed, nothing is re-analysed.
        var before = await server.ListTracksAsync();
        var movedRoot = _library.Root + "-moved";
        Directory.Move(_library.Root, movedRoot);
        try
        {
            await server.RestartAsync(s => s with { Libraries = [movedRoot] });
            var afterMove = await server.ScanAsync();
            Assert.Equal((0L, 0L), ((long)afterMove["full"]!, (long)afterMove["removed"]!));
            Assert.Equal(_library.GoodFiles.Count - 1L, (long)afterMove["skipped"]!);

            var moved = await server.ListTracksAsync();
            Assert.Equal(before.Select(t => (long)t!["id"]!).Order(), moved.Select(t => (long)t!["id"]!).Order());
            Assert.All(moved, t => Assert.StartsWith(movedRoot, (string?)t!["path"]));
            Assert.All(moved, t => Assert.Equal(movedRoot, (string?)t!["library_root"]));
        }
        finally
        {
            Directory.Move(movedRoot, _library.Root);
        }
    }

    public void Dispose() => _library.Dispose();
}
