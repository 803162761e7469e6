using Harmonie.Engines.Playlists;
using Harmonie.Grains.Playlists;
using Harmonie.Grains.Tests.Infrastructure;
using Harmonie.Playlists;
using Harmonie.TestSupport;
using Microsoft.Extensions.Options;

namespace Harmonie.Grains.Tests.Playlists;

public sealed class PlaylistSessionGrainTests(PlaylistLibraryFixture fixture) : IClassFixture<PlaylistLibraryFixture>
{
    private readonly HarmonieCluster _harmonie = fixture.Harmonie;

    [Fact]
    public async Task A_session_starts_continues_and_shows_everything_it_returned()
    {
        var id = Guid.NewGuid();
        var request = new PlaylistRequest { Mode = PlaylistMode.Similar, Seeds = [PlaylistFixtureCatalog.IronLung], N = 5, RngSeed = 7, Variation = 0.3 };
        var session = Session(id);

        var first = await session.StartAsync(request, default);
        var next = await session.NextAsync(4, default);
        var view = await session.GetAsync(default);

        // The grain-backed source (index shards + catalog) picks what the engine picks over the same rows in memory.
        var reference = await PlaylistSession.StartAsync(request, PlaylistFixtureCatalog.Source(), new PlaylistEngineOptions { ScoreTolerance = 1e-6 });
        var expectedFirst = await reference.NextAsync(5);
        var expectedNext = await reference.NextAsync(4);
        Assert.Equal(expectedFirst.Items.Select(i => i.TrackId), first.Items.Select(i => i.TrackId));
        Assert.Equal(expectedNext.Items.Select(i => i.TrackId), next.Items.Select(i => i.TrackId));
        Assert.All(first.Items.Concat(next.Items).Zip(expectedFirst.Items.Concat(expectedNext.Items)), p => Assert.Equal(p.Second.Score, p.First.Score, 5));

        Assert.Equal((id.ToString("N"), id.ToString("N")), (first.SessionId, next.SessionId));
        Assert.DoesNotContain(first.Items.Concat(next.Items), i => i.TrackId == PlaylistFixtureCatalog.IronLung);
        Assert.Equal(9, first.Items.Concat(next.Items).Select(i => i.TrackId).Distinct().Count());
        Assert.Equal(first.Items.Concat(next.Items).Select(i => i.TrackId), view.Items.Select(i => i.TrackId));
        Assert.Equal((id.ToString("N"), 2), (view.SessionId, view.Batches));
        Assert.Equal(request.Seeds, view.Request.Seeds);
        Assert.True(view.LastUsedAt >= view.CreatedAt);
        Assert.All(view.Items, i => Assert.Equal(i.TrackId, i.Track.Id));
    }

    [Fact]
    public async Task An_unknown_session_is_not_found_and_a_started_one_cannot_start_again()
    {
        var unknown = Session(Guid.NewGuid());
        var started = Session(Guid.NewGuid());
        await started.StartAsync(new PlaylistRequest { Mode = PlaylistMode.Similar, Seeds = [1], N = 2 }, default);

        var next = await Assert.ThrowsAsync<PlaylistException>(() => unknown.NextAsync(3, default));
        var get = await Assert.ThrowsAsync<PlaylistException>(() => unknown.GetAsync(default));
        var again = await Assert.ThrowsAsync<PlaylistException>(() => started.StartAsync(new PlaylistRequest { Mode = PlaylistMode.Similar, Seeds = [1] }, default));

        Assert.Equal((PlaylistErrorKind.NotFound, PlaylistErrorKind.NotFound), (next.Kind, get.Kind));
        Assert.EndsWith("not found or expired", next.Message, StringComparison.Ordinal);
        Assert.Equal(PlaylistErrorKind.BadRequest, again.Kind);
    }

    [Fact]
    public async Task An_unknown_seed_is_reported_as_not_found()
    {
        var error = await Assert.ThrowsAsync<PlaylistException>(
            () => Session(Guid.NewGuid()).StartAsync(new PlaylistRequest { Mode = PlaylistMode.Similar, Seeds = [999] }, default));

        Assert.Equal((PlaylistErrorKind.NotFound, "'seed track 999 not in database'"), (error.Kind, error.Message));
    }

    [Fact]
    public async Task A_session_idle_for_longer_than_the_timeout_is_gone()
    {
        var options = _harmonie.SiloService<IOptions<PlaylistOptions>>().Value;
        var timeout = options.SessionIdleTimeout;
        options.SessionIdleTimeout = TimeSpan.FromMilliseconds(300);
        try
        {
            var session = Session(Guid.NewGuid());
            await session.StartAsync(new PlaylistRequest { Mode = PlaylistMode.Similar, Seeds = [9], N = 2 }, default);
            Assert.Equal(2, (await session.GetAsync(default)).Items.Count);

            // Every call restarts the idle clock, so wait without calling.
            await Task.Delay(TimeSpan.FromSeconds(2));
            var error = await Assert.ThrowsAsync<PlaylistException>(() => session.GetAsync(default));

            Assert.Equal(PlaylistErrorKind.NotFound, error.Kind);
        }
        finally
        {
            options.SessionIdleTimeout = timeout;
        }
    }

    private IPlaylistSessionGrain Session(Guid id) => _harmonie.Grains.GetGrain<IPlaylistSessionGrain>(id);
}
