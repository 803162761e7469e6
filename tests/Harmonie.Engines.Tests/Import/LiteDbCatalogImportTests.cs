using System.Security.Cryptography;
using Harmonie.Engines.Catalog;
using Harmonie.Engines.Catalog.LiteDb;
using Harmonie.Engines.Import;
using Harmonie.Engines.Library;
using Harmonie.TestSupport;
using Harmonie.TestSupport.Import;
using Harmonie.Tracks;
using static Harmonie.Engines.Tests.Catalog.CatalogFixtures;

namespace Harmonie.Engines.Tests.Import;

public sealed class LiteDbCatalogImportTests : IDisposable
{
    private readonly TempDirectory _dir = new("harmonie-import");
    private readonly CancellationToken _ct = CancellationToken.None;

    private string CatalogPath => _dir.Combine("data", "harmonie.db");

    [Fact]
    public async Task Into_an_empty_catalog_every_field_round_trips_and_ids_are_kept()
    {
        var summary = await ImportFileAsync(Source(3));

        Assert.True(summary.KeptIds);
        Assert.Empty(summary.IdChanges);
        Assert.Equal(5, summary.Imported);
        Assert.Equal(4, summary.StyleRows);
        Assert.Equal(1, summary.StyleVectors);
        using var catalog = LiteDbCatalog.Open(CatalogPath);
        var expected = PythonFixtures.Library()[0];
        var xtal = (await catalog.GetTrackAsync(3, _ct))!;
        Assert.Equal((expected.Path, "/music", "Aphex Twin/SAW/01 Xtal.flac"), (xtal.Path, xtal.LibraryRoot, xtal.RelativePath));
        Assert.Equal((expected.Size, expected.Mtime, expected.Duration, expected.AnalyzedAt), (xtal.Size, xtal.Mtime, xtal.Duration, xtal.AnalyzedAt));
        Assert.Equal((PythonFixtures.Effnet, 1280, 1, expected.Fingerprint), (xtal.Model, xtal.EmbeddingDim, xtal.DescriptorVersion, xtal.Fingerprint));
        Assert.Equal((124.5, 3.75, "F#", "minor", 0.625, -8.25, 1.375, 4.5), (
            xtal.Descriptors.Bpm, xtal.Descriptors.BpmConfidence, xtal.Descriptors.Key, xtal.Descriptors.Scale,
            xtal.Descriptors.KeyStrength, xtal.Descriptors.Loudness, xtal.Descriptors.Danceability, xtal.Descriptors.OnsetRate));
        Assert.Equal(("Aphex Twin", "Selected Ambient Works", "Xtal", 1), (xtal.Tags.Artist, xtal.Tags.Album, xtal.Tags.Title, xtal.Tags.TrackNumber));
        Assert.Equal([("Electronic---IDM", 0.875), ("Electronic---Techno", 0.5), ("Electronic---Ambient", 0.25)], xtal.Styles.Select(s => (s.Style, s.Probability)));
        var embedding = (await catalog.GetEmbeddingAsync(3, _ct))!;
        Assert.Equal(PythonFixtures.Effnet, embedding.Model);
        Assert.Equal(expected.Embedding, embedding.Vector);
        Assert.Equal(expected.StyleActivations, embedding.StyleActivations);

        var untagged = (await catalog.GetTrackAsync(7, _ct))!;
        Assert.Equal(((string?)null, (string?)null, (string?)null, (int?)null), (untagged.Tags.Artist, untagged.Tags.Album, untagged.Tags.Title, untagged.Tags.TrackNumber));
        Assert.Null((await catalog.GetEmbeddingAsync(7, _ct))!.StyleActivations);
        var tiny = (await catalog.GetEmbeddingAsync(12, _ct))!;
        Assert.Equal((PythonFixtures.Tiny, 8), (tiny.Model, tiny.Dimension));
        Assert.Equal((null, null), ((await catalog.GetTrackAsync(12, _ct))!.LibraryRoot, (await catalog.GetTrackAsync(12, _ct))!.RelativePath));
    }

    [Fact]
    public async Task Stats_and_listing_count_imported_rows_per_model()
    {
        await ImportFileAsync(Source(2));

        using var catalog = LiteDbCatalog.Open(CatalogPath);
        var stats = await catalog.GetStatsAsync(_ct);
        Assert.Equal(5, stats.Tracks);
        Assert.Equal(new Dictionary<string, long> { [PythonFixtures.Effnet] = 2, [PythonFixtures.Tiny] = 2 }, stats.ByModel);
        Assert.Equal(PythonFixtures.Library().Sum(t => t.Duration), stats.TotalDurationSec, 6);
        Assert.Equal(PythonFixtures.Library().Sum(t => t.Size), stats.TotalBytes);
        var tiny = await catalog.ListTracksAsync(new TrackListQuery { Model = PythonFixtures.Tiny, Limit = 10 }, _ct);
        Assert.Equal([12L, 20], tiny.Items.Select(t => t.Id));
        var all = await catalog.ListTracksAsync(new TrackListQuery { Limit = 10 }, _ct);
        Assert.Equal([3L, 7, 12, 15, 20], all.Items.Select(t => t.Id));
    }

    [Fact]
    public async Task New_tracks_after_an_import_get_ids_above_the_imported_ones()
    {
        await ImportFileAsync(Source(3));

        using var catalog = LiteDbCatalog.Open(CatalogPath);
        var added = await catalog.SaveAnalysisAsync(Write("/music/new.flac", root: "/music"), _ct);

        Assert.Equal(21, added.Id);
    }

    [Fact]
    public async Task A_row_without_embedding_has_no_model_and_is_analysed_by_the_next_scan()
    {
        var summary = await ImportFileAsync(Source(3));

        Assert.Equal([new ImportRowNote(15, "/music/broken/nothing.wav", "no embedding")], summary.WithoutEmbedding);
        using var catalog = LiteDbCatalog.Open(CatalogPath);
        var track = (await catalog.GetTrackAsync(15, _ct))!;
        Assert.Equal((null, null), (track.Model, track.EmbeddingDim));
        Assert.Null(await catalog.GetEmbeddingAsync(15, _ct));
        var state = (await catalog.GetFileStateAsync(track.Path, _ct))!;
        Assert.False(state.Imported);
        Assert.Equal(ScanAction.Full, ScanClassifier.Classify(new FileStat(track.Size, track.Mtime), state, false, PythonFixtures.Effnet, 1));
    }

    [Fact]
    public async Task Imported_rows_are_skipped_by_scans_whatever_their_model_until_the_file_changes()
    {
        await ImportFileAsync(Source(3));

        using var catalog = LiteDbCatalog.Open(CatalogPath);
        var tiny = (await catalog.GetFileStateAsync("/music/b/tiny2.flac", _ct))!;
        var unchanged = new FileStat(123, 1_650_000_000.5);

        Assert.True(tiny.Imported);
        Assert.Equal(ScanAction.Skip, ScanClassifier.Classify(unchanged, tiny, false, "our-own-model", 1));
        Assert.Equal(ScanAction.Full, ScanClassifier.Classify(unchanged with { Size = 124 }, tiny, false, "our-own-model", 1));
        Assert.Equal(ScanAction.Full, ScanClassifier.Classify(unchanged, tiny, true, "our-own-model", 1));
        var effnet = (await catalog.GetFileStateAsync("/music/untagged/track07.mp3", _ct))!;
        Assert.Equal(ScanAction.Skip, ScanClassifier.Classify(new FileStat(effnet.Size, effnet.Mtime), effnet, false, "our-own-model", 1));
    }

    [Fact]
    public async Task Imported_vectors_of_a_model_we_do_not_produce_stream_for_the_similarity_index()
    {
        await ImportFileAsync(Source(3));

        using var catalog = LiteDbCatalog.Open(CatalogPath);
        var rows = new List<(TrackRecord Track, Harmonie.Analysis.TrackEmbedding? Embedding)>();
        await foreach (var row in catalog.StreamModelAsync(PythonFixtures.Tiny, _ct))
        {
            rows.Add(row);
        }

        Assert.Equal([12L, 20], rows.Select(r => r.Track.Id));
        Assert.Equal(PythonFixtures.Library()[4].Embedding, rows[1].Embedding!.Vector);
    }

    [Fact]
    public async Task Into_a_catalog_with_tracks_new_ids_are_assigned_and_known_paths_are_skipped()
    {
        using (var catalog = LiteDbCatalog.Open(CatalogPath))
        {
            await catalog.SaveAnalysisAsync(Write("/music/a.flac", root: "/music"), _ct);
            await catalog.SaveAnalysisAsync(Write("/music/untagged/track07.mp3", bpm: 99, root: "/music"), _ct);
        }

        var summary = await ImportFileAsync(Source(3));

        Assert.False(summary.KeptIds);
        Assert.Equal([new ImportIdChange(3, 3), new ImportIdChange(12, 4), new ImportIdChange(15, 5), new ImportIdChange(20, 6)], summary.IdChanges);
        Assert.Equal([new ImportRowNote(7, "/music/untagged/track07.mp3", "already in the catalog as track 2")], summary.Skipped);
        using var reopened = LiteDbCatalog.Open(CatalogPath);
        foreach (var change in summary.IdChanges)
        {
            var source = PythonFixtures.Library().Single(t => t.Id == change.OldId);
            Assert.Equal(source.Path, (await reopened.GetTrackAsync(change.NewId, _ct))!.Path);
        }

        Assert.Equal(PythonFixtures.Library()[4].Embedding, (await reopened.GetEmbeddingAsync(6, _ct))!.Vector);
        var kept = (await reopened.GetTrackAsync(2, _ct))!;
        Assert.Equal((99.0, "m1"), (kept.Descriptors.Bpm, kept.Model));
        Assert.False((await reopened.GetFileStateAsync(kept.Path, _ct))!.Imported);
        Assert.Equal(6, (await reopened.GetStatsAsync(_ct)).Tracks);
    }

    [Fact]
    public async Task A_failure_midway_leaves_an_open_catalog_exactly_as_it_was()
    {
        using var catalog = LiteDbCatalog.Open(CatalogPath);
        await catalog.SaveAnalysisAsync(Write("/music/a.flac", root: "/music"), _ct);
        var rows = Read(Source(3)).ToList();

        await Assert.ThrowsAsync<ImportException>(() => catalog.ImportAsync(FailingAfter(rows, 3), _ct));

        Assert.Equal(1, (await catalog.GetStatsAsync(_ct)).Tracks);
        Assert.Equal(["m1"], (await catalog.GetStatsAsync(_ct)).ByModel.Keys);
        Assert.Null(await catalog.GetTrackByPathAsync(rows[0].Track.Path, _ct));
        Assert.Equal(2, (await catalog.SaveAnalysisAsync(Write("/music/b.flac", root: "/music"), _ct)).Id);
    }

    [Fact]
    public async Task The_in_place_import_is_atomic_and_keeps_ids_into_an_empty_catalog()
    {
        using var catalog = LiteDbCatalog.Open(CatalogPath);

        var summary = await catalog.ImportAsync(Read(Source(1)), _ct);

        Assert.True(summary.KeptIds);
        Assert.Equal(5, (await catalog.GetStatsAsync(_ct)).Tracks);
        Assert.Null((await catalog.GetTrackAsync(20, _ct))!.Fingerprint);
    }

    [Fact]
    public async Task A_failure_midway_leaves_the_catalog_file_byte_for_byte_as_it_was()
    {
        using (var catalog = LiteDbCatalog.Open(CatalogPath))
        {
            await catalog.SaveAnalysisAsync(Write("/music/a.flac", root: "/music"), _ct);
        }

        var before = Hash(CatalogPath);
        var rows = Read(Source(3, manyTracks: 2500)).ToList();

        await Assert.ThrowsAsync<ImportException>(() => LiteDbCatalog.ImportIntoFileAsync(CatalogPath, FailingAfter(rows, 2200), _ct));

        Assert.Equal(before, Hash(CatalogPath));
        Assert.Equal(["harmonie.db"], Directory.GetFiles(Path.GetDirectoryName(CatalogPath)!).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_leftover_staging_copy_from_a_killed_import_is_replaced()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(CatalogPath)!);
        File.WriteAllText(_dir.Combine("data", "harmonie.importing.db"), "half-written by a killed process");

        var summary = await ImportFileAsync(Source(3));

        Assert.Equal(5, summary.Imported);
        Assert.Equal(["harmonie.db"], Directory.GetFiles(Path.GetDirectoryName(CatalogPath)!).Select(Path.GetFileName));
    }

    public void Dispose() => _dir.Dispose();

    private static IEnumerable<ImportedTrack> FailingAfter(IEnumerable<ImportedTrack> rows, int count)
    {
        var n = 0;
        foreach (var row in rows)
        {
            if (++n > count)
            {
                throw new ImportException($"track {row.SourceId}: simulated bad row");
            }

            yield return row;
        }
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    private IEnumerable<ImportedTrack> Read(string source)
    {
        using var reader = PythonDatabaseReader.Open(source, _ct);
        foreach (var row in reader.ReadTracks(_ct))
        {
            yield return row;
        }
    }

    private Task<ImportSummary> ImportFileAsync(string source) => LiteDbCatalog.ImportIntoFileAsync(CatalogPath, Read(source), _ct);

    private string Source(int version, int manyTracks = 0)
    {
        var path = _dir.Combine($"python-v{version}-{Guid.NewGuid():N}.db");
        PythonDatabaseBuilder.Create(path, version, manyTracks > 0 ? PythonDatabaseReaderTests.ManyTracks(manyTracks) : PythonFixtures.Library());
        return path;
    }
}
