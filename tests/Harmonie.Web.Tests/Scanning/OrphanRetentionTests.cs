using Harmonie.TestSupport;
using Harmonie.Web.Tests.Infrastructure;

namespace Harmonie.Web.Tests.Scanning;

public sealed class OrphanRetentionTests : IDisposable
{
    private readonly ToneLibrary _kept = ToneLibrary.Create(2, seconds: 1);
    private readonly ToneLibrary _dropped = ToneLibrary.Create(2, seconds: 1);

    [Fact]
    public async Task Rows_of_a_root_no_longer_configured_stay_for_the_retention_then_a_completed_scan_prunes_them()
    {
        await using var server = await HarmonieTestServer.StartAsync([_kept.Root, _dropped.Root]);
        await server.ScanAsync();
        Assert.Equal(4, (await server.ListTracksAsync()).Count);

        // Unconfigured (its files still exist): kept for relocation during the default 7 days.
        await server.RestartAsync(s => s with { Libraries = [_kept.Root] });
        var withinRetention = await server.ScanAsync();
        Assert.Equal((0L, 2L), ((long)withinRetention["removed"]!, (long)withinRetention["skipped"]!));
        Assert.Equal(2, (await server.ListTracksAsync()).Count(t => (string?)t!["library_root"] == _dropped.Root));

        // Retention 0: the next completed scan removes them, and only them.
        await server.RestartAsync(s => s with { OrphanRetentionDays = 0 });
        var expired = await server.ScanAsync();
        Assert.Equal((2L, 2L), ((long)expired["removed"]!, (long)expired["skipped"]!));
        var tracks = await server.ListTracksAsync();
        Assert.Equal(2, tracks.Count);
        Assert.All(tracks, t => Assert.Equal(_kept.Root, (string?)t!["library_root"]));
        Assert.Equal(2, (long)(await server.GetJsonAsync("api/v1/status"))["tracks"]!);
    }

    public void Dispose()
    {
        _kept.Dispose();
        _dropped.Dispose();
    }
}
