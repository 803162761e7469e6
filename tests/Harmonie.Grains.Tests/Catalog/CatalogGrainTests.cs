using Harmonie.Catalog;
using Harmonie.Engines.Embeddings;
using Harmonie.Grains.Tests.Infrastructure;
using Harmonie.Scanning;
using Harmonie.TestSupport;
using Harmonie.Tracks;

namespace Harmonie.Grains.Tests.Catalog;

public sealed class CatalogGrainTests(PlaylistLibraryFixture fixture) : IClassFixture<PlaylistLibraryFixture>
{
    private readonly HarmonieCluster _harmonie = fixture.Harmonie;

    private ICatalogGrain Catalog => _harmonie.Grains.GetGrain<ICatalogGrain>(0);

    [Fact]
    public async Task GetTrack_returns_the_stored_row_or_null()
    {
        var (track, vector) = PlaylistFixtureCatalog.Rows.Single(r => r.Track.Id == PlaylistFixtureCatalog.IronLung);

        var found = await Catalog.GetTrackAsync(PlaylistFixtureCatalog.IronLung, default);

        TrackAssert.Equal(track with { EmbeddingDim = vector!.Length }, found!);
        Assert.Null(await Catalog.GetTrackAsync(999, default));
    }

    [Fact]
    public async Task ListTracks_pages_in_the_requested_order_with_the_total()
    {
        var expected = PlaylistFixtureCatalog.Rows.Select(r => r.Track)
            .OrderBy(t => t.Descriptors.Bpm ?? double.NegativeInfinity).ThenBy(t => t.Id).Select(t => t.Id).ToList();

        var pages = new List<long>();
        for (var offset = 0; offset < expected.Count; offset += 10)
        {
            var page = await Catalog.ListTracksAsync(new TrackListQuery { Limit = 10, Offset = offset, OrderBy = TrackOrder.Bpm }, default);
            Assert.Equal(expected.Count, page.Total);
            pages.AddRange(page.Items.Select(t => t.Id));
        }

        var otherModel = await Catalog.ListTracksAsync(new TrackListQuery { Model = PlaylistFixtureCatalog.OtherModel }, default);

        Assert.Equal(expected, pages);
        Assert.Equal([PlaylistFixtureCatalog.OtherModelTrack], otherModel.Items.Select(t => t.Id));
        Assert.Equal(1, otherModel.Total);
    }

    [Fact]
    public async Task Resolve_finds_a_track_by_path_or_by_tags()
    {
        var glow = PlaylistFixtureCatalog.Get(9);

        var byPath = await Catalog.ResolveAsync(new TrackReference { Path = glow.Path }, default);
        var byTags = await Catalog.ResolveAsync(new TrackReference { Artist = "LUMEN", Album = "halo", Title = "Glow" }, default);
        var unknown = await Catalog.ResolveAsync(new TrackReference { Artist = "Nobody", Title = "Nothing" }, default);

        Assert.Equal((9L, 9L), (byPath!.Id, byTags!.Id));
        Assert.Null(unknown);
    }

    [Fact]
    public async Task The_service_status_reports_configuration_and_library_counters()
    {
        var status = await Catalog.GetServiceStatusAsync(default);

        Assert.Equal(HarmonieVersion.Current, status.Version);
        Assert.Equal((BuiltinEmbeddingExtractor.Model, BuiltinEmbeddingExtractor.EmbeddingDimension), (status.EmbeddingModel, status.EmbeddingDim));
        Assert.Equal((2, 1), (status.Workers, status.DescriptorVersion));
        Assert.Equal(PlaylistFixtureCatalog.Rows.Count, status.Stats.Tracks);
        Assert.Equal(PlaylistFixtureCatalog.Rows.Count * 240.0, status.Stats.TotalDurationSec);
        Assert.Equal(
            new Dictionary<string, long> { [PlaylistFixtureCatalog.Model] = 33, [PlaylistFixtureCatalog.OtherModel] = 1 },
            status.Stats.ByModel);
        Assert.Equal(_harmonie.Store.Location, status.Stats.DbPath);
    }

    [Fact]
    public async Task Scan_history_lists_newest_first_and_one_scan_carries_its_failures()
    {
        var first = await StartScanAsync(1_700_000_000);
        var second = await StartScanAsync(1_700_000_100);
        foreach (var path in new[] { "/music/a.mp3", "/music/b.mp3", "/music/c.mp3" })
        {
            await _harmonie.Store.AddScanFailureAsync(new ScanFailureRecord { ScanId = second, Path = path, Error = "broken", FailedAt = 1_700_000_150 }, default);
        }

        await _harmonie.Store.FinishScanAsync(second, new ScanCounters { Discovered = 5, Full = 2, Failed = 3 }, ScanHistoryRecordState.Completed, null, 1_700_000_200, 100, default);

        var page = await Catalog.ListScansAsync(1, 0, default);
        var detail = await Catalog.GetScanAsync(second, 2, default);

        Assert.Equal(second, Assert.Single(page.Items).Id);
        Assert.True(page.Total >= 2);
        Assert.Equal((ScanHistoryRecordState.Completed, 3L, 1_700_000_200.0), (detail!.Scan.State, detail.Scan.Counters.Failed, detail.Scan.FinishedAt!.Value));
        Assert.Equal(2, detail.Failures.Count);
        Assert.Equal(3, detail.FailuresTotal);
        Assert.Equal(ScanHistoryRecordState.Running, (await Catalog.GetScanAsync(first, 0, default))!.Scan.State);
        Assert.Null(await Catalog.GetScanAsync(second + 1000, 10, default));
    }

    private Task<long> StartScanAsync(double startedAt) => _harmonie.Store.StartScanAsync(
        new ScanRecord
        {
            StartedAt = startedAt,
            Workers = 2,
            Backend = "harmonie",
            Model = BuiltinEmbeddingExtractor.Model,
            Forced = false,
            HarmonieVersion = HarmonieVersion.Current,
            DescriptorVersion = 1,
            State = ScanHistoryRecordState.Running,
        },
        default);
}
