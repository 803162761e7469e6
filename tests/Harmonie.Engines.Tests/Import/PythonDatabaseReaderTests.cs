using Harmonie.Engines.Import;
using Harmonie.TestSupport;
using Harmonie.TestSupport.Import;

namespace Harmonie.Engines.Tests.Import;

public sealed class PythonDatabaseReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new("harmonie-import");
    private readonly CancellationToken _ct = CancellationToken.None;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Every_column_of_every_schema_version_is_read(int version)
    {
        var source = Build(version, PythonFixtures.Library());

        using var reader = PythonDatabaseReader.Open(source, _ct);
        var rows = reader.ReadTracks(_ct).ToList();

        Assert.Equal(version, reader.SchemaVersion);
        Assert.Equal([3L, 7, 12, 15, 20], rows.Select(r => r.SourceId));
        var expected = PythonFixtures.Library()[0];
        var xtal = rows[0].Track;
        Assert.Equal((expected.Path, "/music", "Aphex Twin/SAW/01 Xtal.flac"), (xtal.Path, xtal.LibraryRoot, xtal.RelativePath));
        Assert.Equal((expected.Size, expected.Mtime, expected.Duration, expected.AnalyzedAt), (xtal.Size, xtal.Mtime, xtal.Duration, xtal.AnalyzedAt));
        Assert.Equal((PythonFixtures.Effnet, 1280, 1), (xtal.Model, xtal.EmbeddingDim, xtal.DescriptorVersion));
        Assert.Equal((124.5, 3.75, "F#", "minor", 0.625, -8.25, 1.375, 4.5), (
            xtal.Descriptors.Bpm, xtal.Descriptors.BpmConfidence, xtal.Descriptors.Key, xtal.Descriptors.Scale,
            xtal.Descriptors.KeyStrength, xtal.Descriptors.Loudness, xtal.Descriptors.Danceability, xtal.Descriptors.OnsetRate));
        Assert.Equal(("Aphex Twin", "Selected Ambient Works", "Xtal", 1), (xtal.Tags.Artist, xtal.Tags.Album, xtal.Tags.Title, xtal.Tags.TrackNumber));
        Assert.Equal(["Electronic---IDM", "Electronic---Techno", "Electronic---Ambient"], xtal.Styles.Select(s => s.Style));
        Assert.Equal([0.875, 0.5, 0.25], xtal.Styles.Select(s => s.Probability));
        Assert.Equal(expected.Embedding, rows[0].Embedding!.Vector);
        Assert.Equal(expected.StyleActivations, rows[0].Embedding!.StyleActivations);
        Assert.Equal(version >= 3 ? expected.Fingerprint : null, xtal.Fingerprint);
    }

    [Fact]
    public void Null_tags_and_descriptors_stay_null_and_a_row_without_library_root_is_read()
    {
        var rows = ReadAll(Build(3, PythonFixtures.Library()));

        var untagged = rows[1].Track;
        Assert.Equal(TrackTagsEmpty, (untagged.Tags.Artist, untagged.Tags.Album, untagged.Tags.Title, untagged.Tags.TrackNumber));
        Assert.Null(untagged.Descriptors.Bpm);
        Assert.Null(untagged.Descriptors.Key);
        Assert.Null(untagged.Fingerprint);
        Assert.Null(rows[1].Embedding!.StyleActivations);
        Assert.Empty(untagged.Styles);
        Assert.Equal((null, null), (rows[2].Track.LibraryRoot, rows[2].Track.RelativePath));
        Assert.Equal((PythonFixtures.Tiny, 8), (rows[2].Embedding!.Model, rows[2].Embedding!.Dimension));
    }

    [Fact]
    public void An_empty_embedding_gives_a_row_without_model_or_dimension()
    {
        var row = ReadAll(Build(3, PythonFixtures.Library())).Single(r => r.SourceId == 15);

        Assert.Null(row.Embedding);
        Assert.Equal("no embedding", row.MissingEmbeddingReason);
        Assert.Equal((null, null), (row.Track.Model, row.Track.EmbeddingDim));
        Assert.Equal(0, row.Track.DescriptorVersion);
    }

    [Fact]
    public void Validation_counts_rows_per_model()
    {
        using var reader = PythonDatabaseReader.Open(Build(2, PythonFixtures.Library()), _ct);

        var preview = reader.Validate(_ct);

        Assert.Equal(5, preview.Tracks);
        Assert.Equal(new Dictionary<string, long> { [PythonFixtures.Effnet] = 2, [PythonFixtures.Tiny] = 2 }, preview.ByModel);
        Assert.Equal(1, preview.WithoutEmbedding);
    }

    [Fact]
    public void An_embedding_of_the_wrong_length_names_the_track_and_both_sizes()
    {
        var source = Build(3, [.. PythonFixtures.Library(), new PythonTrack { Id = 17, Path = "/music/bad.flac", EmbeddingBlob = new byte[100], EmbeddingDim = 1280 }]);
        using var reader = PythonDatabaseReader.Open(source, _ct);

        var error = Assert.Throws<ImportException>(() => reader.Validate(_ct));

        Assert.Equal("track 17: embedding is 100 bytes, expected 5120 for dimension 1280", error.Message);
    }

    [Fact]
    public void A_style_vector_of_the_wrong_length_is_refused()
    {
        var source = Build(3, [new PythonTrack { Id = 4, Path = "/music/a.flac", Embedding = [1, 2], StyleBlob = new byte[12] }]);
        using var reader = PythonDatabaseReader.Open(source, _ct);

        var error = Assert.Throws<ImportException>(() => reader.Validate(_ct));

        Assert.Equal("track 4: style_activations is 12 bytes, expected 1600 (400 float32)", error.Message);
    }

    [Fact]
    public void Unusable_vectors_are_dropped_with_a_reason_like_the_original_index_ignores_them()
    {
        var rows = ReadAll(Build(3,
        [
            new PythonTrack { Id = 1, Path = "/music/a.flac", Model = "m", Embedding = [1, 2, 3, 4] },
            new PythonTrack { Id = 2, Path = "/music/b.flac", Model = "m", Embedding = [1, 2] },
            new PythonTrack { Id = 3, Path = "/music/c.flac", Model = "m", Embedding = [1, float.NaN, 0, 0] },
            new PythonTrack { Id = 4, Path = "/music/d.flac", Model = "n", Embedding = [1, 2] },
        ]));

        Assert.NotNull(rows[0].Embedding);
        Assert.Null(rows[1].Embedding);
        Assert.Contains("dimension 2 differs from 4", rows[1].MissingEmbeddingReason);
        Assert.Null(rows[2].Embedding);
        Assert.Contains("NaN", rows[2].MissingEmbeddingReason);
        Assert.Equal(2, rows[3].Embedding!.Dimension);
    }

    [Fact]
    public void A_file_from_before_the_migrations_is_read_by_the_columns_it_has()
    {
        var rows = ReadAll(Build(0,
        [
            new PythonTrack { Id = 5, Path = "/music/old.mp3", Embedding = [0.5f, 0.25f] },
            new PythonTrack { Id = 6, Path = "/music/none.mp3", Embedding = null, EmbeddingDim = 2 },
        ]));

        Assert.Equal(0, rows[0].Track.DescriptorVersion);
        Assert.Equal((124.5, "F#", "minor"), (rows[0].Track.Descriptors.Bpm, rows[0].Track.Descriptors.Key, rows[0].Track.Descriptors.Scale));
        Assert.Null(rows[0].Track.Descriptors.Danceability);
        Assert.Null(rows[0].Track.Tags.Artist);
        Assert.Null(rows[0].Track.LibraryRoot);
        Assert.Equal([0.5f, 0.25f], rows[0].Embedding!.Vector);
        Assert.Null(rows[1].Embedding);
    }

    [Fact]
    public void A_newer_schema_version_is_refused_with_the_version_in_the_message()
    {
        var source = _dir.Combine("v4.db");
        PythonDatabaseBuilder.Create(source, 3, PythonFixtures.Library(), storedVersion: 4);

        var error = Assert.Throws<ImportException>(() => PythonDatabaseReader.Open(source, _ct));

        Assert.Contains("schema version 4", error.Message);
        Assert.Contains("newer than this harmonie knows", error.Message);
    }

    [Fact]
    public void A_text_file_is_not_a_harmonie_database()
    {
        var source = _dir.Combine("notes.txt");
        File.WriteAllText(source, "shopping list\n" + new string('x', 500));

        var error = Assert.Throws<ImportException>(() => PythonDatabaseReader.Open(source, _ct));

        Assert.StartsWith("not a harmonie database", error.Message);
    }

    [Fact]
    public void An_sqlite_file_without_a_tracks_table_is_not_a_harmonie_database()
    {
        var source = _dir.Combine("other.db");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={source};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE songs (id INTEGER PRIMARY KEY, name TEXT)";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<ImportException>(() => PythonDatabaseReader.Open(source, _ct));

        Assert.Equal($"not a harmonie database: {source} has no tracks table", error.Message);
    }

    [Fact]
    public void A_tracks_table_missing_a_column_of_its_version_is_refused()
    {
        var source = _dir.Combine("v3-without-fingerprint.db");
        PythonDatabaseBuilder.Create(source, 2, PythonFixtures.Library(), storedVersion: 3);

        var error = Assert.Throws<ImportException>(() => PythonDatabaseReader.Open(source, _ct));

        Assert.Contains("lacks column fingerprint", error.Message);
    }

    [Fact]
    public void A_truncated_copy_is_refused_before_any_row_is_read()
    {
        var source = Build(3, ManyTracks(200));
        var truncated = _dir.Combine("truncated.db");
        var bytes = File.ReadAllBytes(source);
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<ImportException>(() => PythonDatabaseReader.Open(truncated, _ct));

        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void A_corrupt_page_is_found_by_the_integrity_check()
    {
        var source = Build(3, ManyTracks(200));
        var bytes = File.ReadAllBytes(source);
        var pageSize = (bytes[16] << 8) | bytes[17];
        // Overwrite a b-tree page in the middle of the file with garbage (the size stays right).
        var page = bytes.Length / pageSize / 2;
        new Random(1).NextBytes(bytes.AsSpan(page * pageSize, pageSize));
        File.WriteAllBytes(source, bytes);

        var error = Assert.Throws<ImportException>(() =>
        {
            using var reader = PythonDatabaseReader.Open(source, _ct);
            reader.Validate(_ct);
        });

        Assert.Contains("damaged", error.Message);
    }

    [Fact]
    public void The_source_is_not_changed_by_reading_it()
    {
        var source = Build(3, PythonFixtures.Library());
        var before = File.ReadAllBytes(source);

        using (var reader = PythonDatabaseReader.Open(source, _ct))
        {
            reader.Validate(_ct);
            _ = reader.ReadTracks(_ct).ToList();
        }

        Assert.Equal(before, File.ReadAllBytes(source));
    }

    public void Dispose() => _dir.Dispose();

    internal static IEnumerable<PythonTrack> ManyTracks(int count, int dimension = 64) =>
        Enumerable.Range(1, count).Select(i => new PythonTrack
        {
            Id = i,
            Path = $"/music/artist{i % 7}/track{i:D5}.flac",
            Embedding = PythonDatabaseBuilder.Vector(dimension, i),
            StyleActivations = PythonFixtures.StyleActivations(i),
            Styles = [("Electronic---House", 0.5), ("Electronic---Techno", 0.25)],
        });

    private static (string?, string?, string?, int?) TrackTagsEmpty => (null, null, null, null);

    private List<ImportedTrack> ReadAll(string source)
    {
        using var reader = PythonDatabaseReader.Open(source, _ct);
        return [.. reader.ReadTracks(_ct)];
    }

    private string Build(int version, IEnumerable<PythonTrack> tracks)
    {
        var path = _dir.Combine($"harmonie-v{version}-{Guid.NewGuid():N}.db");
        PythonDatabaseBuilder.Create(path, version, tracks);
        return path;
    }
}
