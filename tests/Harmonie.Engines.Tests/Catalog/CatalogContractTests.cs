using Harmonie.Analysis;
using Harmonie.Engines.Catalog;
using Harmonie.Scanning;
using Harmonie.Tracks;
using static Harmonie.Engines.Tests.Catalog.CatalogFixtures;

namespace Harmonie.Engines.Tests.Catalog;

/// <summary>
/// The behaviour every catalog must show (LiteDB and PostgreSQL run the same tests). Each test gets
/// a fresh, empty catalog; <see cref="ReopenAsync"/> closes it and opens the same store again.
/// </summary>
public abstract class CatalogContractTests : IAsyncLifetime
{
    private readonly CancellationToken _ct = CancellationToken.None;
    private ICatalog? _catalog;

    protected ICatalog Catalog => _catalog ?? throw new InvalidOperationException("The catalog is not open.");

    /// <summary>What <see cref="ICatalog.Location"/> and <c>CatalogStats.DbPath</c> must say for this store.</summary>
    protected abstract string ExpectedLocation { get; }

    public virtual async Task InitializeAsync() => _catalog = await OpenAsync();

    public virtual Task DisposeAsync()
    {
        _catalog?.Dispose();
        _catalog = null;
        return Task.CompletedTask;
    }

    /// <summary>Opens (creating on first use) this test's store.</summary>
    protected abstract Task<ICatalog> OpenAsync();

    /// <summary>The schema version the store had before <paramref name="catalog"/> opened it.</summary>
    protected abstract int PreviousSchemaVersionOf(ICatalog catalog);

    /// <summary>Checks, in the store itself, that the track row does not carry the embedding.</summary>
    protected abstract Task AssertEmbeddingStoredApartAsync(long trackId);

    protected async Task ReopenAsync()
    {
        _catalog?.Dispose();
        _catalog = null;
        _catalog = await OpenAsync();
    }

    [Fact]
    public async Task Saving_again_at_the_same_path_keeps_the_id_and_replaces_the_values()
    {
        var first = await Catalog.SaveAnalysisAsync(Write("/lib/a.flac", bpm: 120), _ct);
        var second = await Catalog.SaveAnalysisAsync(Write("/lib/a.flac", bpm: 128, styles: []), _ct);

        Assert.Equal(first.Id, second.Id);
        var stored = await Catalog.GetTrackAsync(first.Id, _ct);
        Assert.Equal(128, stored!.Descriptors.Bpm);
        Assert.Empty(stored.Styles);
        Assert.Equal(1, (await Catalog.GetStatsAsync(_ct)).Tracks);
    }

    [Fact]
    public async Task Track_ids_are_never_reused_even_after_the_newest_is_deleted_and_the_file_reopened()
    {
        var a = await Catalog.SaveAnalysisAsync(Write("/lib/a.flac"), _ct);
        var b = await Catalog.SaveAnalysisAsync(Write("/lib/b.flac"), _ct);
        await Catalog.DeleteTracksAsync([b.Id], _ct);
        await ReopenAsync();

        var c = await Catalog.SaveAnalysisAsync(Write("/lib/c.flac"), _ct);

        Assert.True(c.Id > b.Id, $"new id {c.Id} must be above deleted {b.Id} (a was {a.Id})");
    }

    [Fact]
    public async Task Embeddings_and_style_vectors_are_stored_apart_and_round_trip_exactly()
    {
        float[] vector = [0.1f, -2.5f, 3.25f, float.Epsilon];
        var track = await Catalog.SaveAnalysisAsync(Write("/lib/a.flac", vector: vector), _ct);

        var embedding = await Catalog.GetEmbeddingAsync(track.Id, _ct);

        Assert.Equal(vector, embedding!.Vector);
        Assert.Equal(new float[] { 0.5f, 0.25f }, embedding.StyleActivations!);
        Assert.Equal(4, track.EmbeddingDim);
        await ReopenAsync();
        Assert.Equal(vector, (await Catalog.GetEmbeddingAsync(track.Id, _ct))!.Vector);
        await AssertEmbeddingStoredApartAsync(track.Id);
    }

    [Fact]
    public async Task A_fingerprint_is_kept_when_a_new_analysis_has_none()
    {
        var write = Write("/lib/a.flac");
        await Catalog.SaveAnalysisAsync(write, _ct);
        var again = await Catalog.SaveAnalysisAsync(write with { Result = write.Result with { Fingerprint = null } }, _ct);

        Assert.Equal("fp-a.flac", again.Fingerprint);
    }

    [Fact]
    public async Task Resolution_ladder_matches_path_relative_path_and_tags_case_insensitively_smallest_id_first()
    {
        var first = await Catalog.SaveAnalysisAsync(Write("/lib/x/01.flac", "Aphex Twin", "SAW", "Xtal"), _ct);
        await Catalog.SaveAnalysisAsync(Write("/lib/y/01.flac", "Aphex Twin", "SAW", "Xtal"), _ct);
        var other = await Catalog.SaveAnalysisAsync(Write("/lib/z/02.flac", "Björk", "Post", "Hyperballad"), _ct);

        Assert.Equal(other.Id, (await Resolve(new TrackReference { Path = "/lib/z/02.flac" }))!.Id);
        Assert.Equal(other.Id, (await Resolve(new TrackReference { Path = "z/02.flac" }))!.Id);
        Assert.Equal(first.Id, (await Resolve(new TrackReference { Artist = "aphex twin", Album = "saw", Title = "XTAL" }))!.Id);
        Assert.Equal(other.Id, (await Resolve(new TrackReference { Artist = "BJÖRK", Title = "hyperballad" }))!.Id);
        Assert.Equal(other.Id, (await Resolve(new TrackReference { Album = "post", Title = "Hyperballad" }))!.Id);
        Assert.Null(await Resolve(new TrackReference { Title = "Hyperballad" }));
        Assert.Null(await Resolve(new TrackReference { Artist = "Björk", Album = "Post" }));
        Assert.Null(await Resolve(new TrackReference { Path = "/nowhere.flac" }));
    }

    [Fact]
    public async Task A_differing_album_falls_back_to_title_and_artist_unlike_the_original()
    {
        var track = await Catalog.SaveAnalysisAsync(Write("/lib/a.flac", "Daft Punk", "Discovery", "One More Time"), _ct);

        var resolved = await Resolve(new TrackReference { Artist = "Daft Punk", Album = "Alive 2007", Title = "One More Time" });

        Assert.Equal(track.Id, resolved!.Id);
    }

    [Fact]
    public async Task Listing_pages_by_id_and_orders_by_other_keys_with_nulls_first()
    {
        await Catalog.SaveAnalysisAsync(Write("/lib/c.flac", bpm: 90), _ct);
        await Catalog.SaveAnalysisAsync(Write("/lib/a.flac", bpm: null), _ct);
        await Catalog.SaveAnalysisAsync(Write("/lib/b.flac", bpm: 140, model: "m2"), _ct);

        var page = await Catalog.ListTracksAsync(new TrackListQuery { Limit = 2, Offset = 1 }, _ct);
        Assert.Equal(3, page.Total);
        Assert.Equal(["/lib/a.flac", "/lib/b.flac"], page.Items.Select(t => t.Path));

        var byBpm = await Catalog.ListTracksAsync(new TrackListQuery { OrderBy = TrackOrder.Bpm }, _ct);
        Assert.Equal([null, 90, 140], byBpm.Items.Select(t => t.Descriptors.Bpm));

        var byPath = await Catalog.ListTracksAsync(new TrackListQuery { OrderBy = TrackOrder.Path }, _ct);
        Assert.Equal(["/lib/a.flac", "/lib/b.flac", "/lib/c.flac"], byPath.Items.Select(t => t.Path));

        var m2 = await Catalog.ListTracksAsync(new TrackListQuery { Model = "m2" }, _ct);
        Assert.Equal(1, m2.Total);
    }

    [Fact]
    public async Task Stats_follow_every_write_and_survive_a_reopen()
    {
        await Catalog.SaveAnalysisAsync(Write("/lib/a.flac", duration: 10, size: 100), _ct);
        var b = await Catalog.SaveAnalysisAsync(Write("/lib/b.flac", duration: 20, size: 200, model: "m2"), _ct);
        await Catalog.SaveAnalysisAsync(Write("/lib/c.flac", duration: 30, size: 300, model: "m2"), _ct);
        var d = await Catalog.SaveAnalysisAsync(Write("/other/d.flac", root: "/other"), _ct);
        await Catalog.SaveAnalysisAsync(Write("/other/e.flac", root: "/other"), _ct);
        await Catalog.DeleteTracksAsync([b.Id, d.Id], _ct);
        await ReopenAsync();

        var stats = await Catalog.GetStatsAsync(_ct);

        Assert.Equal(3, stats.Tracks);
        Assert.Equal(50, stats.TotalDurationSec);
        Assert.Equal(500, stats.TotalBytes);
        Assert.Equal(new Dictionary<string, long> { ["m1"] = 2, ["m2"] = 1 }, stats.ByModel);
        Assert.Equal(new Dictionary<string, long> { ["/lib"] = 2, ["/other"] = 1 }, stats.ByRoot);
        Assert.Equal(ExpectedLocation, stats.DbPath);
        Assert.True(stats.DbSizeBytes > 0);
    }

    [Fact]
    public async Task Relocation_moves_a_row_only_from_the_expected_root_and_never_onto_an_owned_path()
    {
        var row = await Catalog.SaveAnalysisAsync(Write("/old/a.flac", root: "/old"), _ct);
        await Catalog.SaveAnalysisAsync(Write("/new/taken.flac", root: "/new"), _ct);

        Assert.False(await Catalog.RelocateAsync(row.Id, "/elsewhere", new TrackLocation("/new/a.flac", "/new", "a.flac"), null, null, _ct));
        Assert.False(await Catalog.RelocateAsync(row.Id, "/old", new TrackLocation("/new/taken.flac", "/new", "taken.flac"), null, null, _ct));
        Assert.True(await Catalog.RelocateAsync(row.Id, "/old", new TrackLocation("/new/a.flac", "/new", "a.flac"), 1_800_000_000, "fp2", _ct));

        var moved = await Catalog.GetTrackAsync(row.Id, _ct);
        Assert.Equal(("/new/a.flac", "/new", "a.flac", 1_800_000_000.0, "fp2"), (moved!.Path, moved.LibraryRoot, moved.RelativePath, moved.Mtime, moved.Fingerprint));
        Assert.Equal(["/new"], await Catalog.GetLibraryRootsAsync(_ct));
        Assert.NotNull(await Catalog.GetEmbeddingAsync(row.Id, _ct));
    }

    [Fact]
    public async Task A_fingerprint_is_stored_only_while_size_and_mtime_still_match()
    {
        var row = await Catalog.SaveAnalysisAsync(Write("/lib/a.flac", size: 100), _ct);

        Assert.False(await Catalog.SetFingerprintAsync(row.Id, "x", 101, row.Mtime, _ct));
        Assert.True(await Catalog.SetFingerprintAsync(row.Id, "y", 100, row.Mtime + 0.5, _ct));
        Assert.Equal("y", (await Catalog.GetTrackAsync(row.Id, _ct))!.Fingerprint);
    }

    [Fact]
    public async Task Descriptor_refresh_updates_descriptors_and_tags_but_keeps_the_embedding()
    {
        var row = await Catalog.SaveAnalysisAsync(Write("/lib/a.flac", bpm: 100, vector: [0f, 1f]), _ct);
        var result = new AnalysisResult
        {
            Duration = 11,
            Tags = new TrackTags { Title = "New" },
            Descriptors = new AudioDescriptors { Bpm = 101 },
        };

        var refreshed = await Catalog.RefreshDescriptorsAsync("/lib/a.flac", result, 1_900_000_000, _ct);

        Assert.Equal((101.0, "New", 11.0), (refreshed!.Descriptors.Bpm!.Value, refreshed.Tags.Title!, refreshed.Duration));
        var kept = await Catalog.GetEmbeddingAsync(row.Id, _ct);
        Assert.Equal(new float[] { 0f, 1f }, kept!.Vector);
        Assert.Equal("m1", refreshed.Model);
        Assert.Null(await Catalog.RefreshDescriptorsAsync("/lib/missing.flac", result, 0, _ct));
    }

    [Fact]
    public async Task Streaming_a_model_yields_every_track_with_its_vector_in_id_order()
    {
        for (var i = 0; i < 603; i++)
        {
            await Catalog.SaveAnalysisAsync(Write($"/lib/{i:0000}.flac", model: i % 3 == 0 ? "m1" : "m2", vector: new float[] { i, 1 }), _ct);
        }

        var streamed = new List<(long, float)>();
        await foreach (var (track, embedding) in Catalog.StreamModelAsync("m1", _ct))
        {
            streamed.Add((track.Id, embedding!.Vector[0]));
        }

        Assert.Equal(201, streamed.Count);
        Assert.Equal(streamed.OrderBy(x => x.Item1), streamed);
    }

    [Fact]
    public async Task Scan_history_records_runs_failures_and_marks_abandoned_runs_crashed()
    {
        var scan = new ScanRecord
        {
            StartedAt = 100,
            Workers = 2,
            Backend = "harmonie",
            Model = "m1",
            Forced = true,
            HarmonieVersion = "0.1.0",
            DescriptorVersion = 1,
            State = ScanHistoryRecordState.Running,
        };
        var done = await Catalog.StartScanAsync(scan, _ct);
        await Catalog.AddScanFailureAsync(new ScanFailureRecord { ScanId = done, Path = "/lib/bad.mp3", Error = "decode error", FailedAt = 101 }, _ct);
        await Catalog.FinishScanAsync(done, new ScanCounters { Discovered = 3, Failed = 1 }, ScanHistoryRecordState.Completed, null, 110, 10, _ct);
        var abandoned = await Catalog.StartScanAsync(scan with { StartedAt = 200 }, _ct);
        await ReopenAsync();

        Assert.Equal(1, await Catalog.MarkRunningScansCrashedAsync(null, _ct));

        var (items, total) = await Catalog.ListScansAsync(10, 0, _ct);
        Assert.Equal(2, total);
        Assert.Equal([abandoned, done], items.Select(s => s.Id));
        Assert.Equal((ScanHistoryRecordState.Crashed, "interrupted before completion", 200.0), (items[0].State, items[0].LastError!, items[0].FinishedAt!.Value));
        Assert.Equal((3L, 1L, true), (items[1].Counters.Discovered, items[1].Counters.Failed, items[1].Forced));
        var (failures, count) = await Catalog.GetScanFailuresAsync(done, 10, 0, _ct);
        Assert.Equal(1, count);
        Assert.Equal("decode error", failures[0].Error);
    }

    [Fact]
    public async Task A_new_store_records_the_current_schema_version()
    {
        Assert.Equal(0, PreviousSchemaVersionOf(Catalog));
        await ReopenAsync();
        Assert.Equal(Catalog.SchemaVersion, PreviousSchemaVersionOf(Catalog));
        Assert.Equal(Catalog.SchemaVersion, (await Catalog.GetStatsAsync(_ct)).SchemaVersion);
        Assert.Equal(ExpectedLocation, Catalog.Location);
    }

    private Task<TrackRecord?> Resolve(TrackReference reference) => Catalog.ResolveAsync(reference, _ct);
}
