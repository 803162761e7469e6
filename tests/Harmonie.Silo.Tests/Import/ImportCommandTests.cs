using System.Security.Cryptography;
using System.Text.Json;
using Harmonie.Engines.Catalog.LiteDb;
using Harmonie.Silo.Cli;
using Harmonie.Silo.Configuration;
using Harmonie.Silo.Hosting;
using Harmonie.TestSupport;
using Harmonie.TestSupport.Import;

namespace Harmonie.Silo.Tests.Import;

public sealed class ImportCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new("harmonie-import-cli");
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    private HarmonieSettings Settings => new() { DataDir = _dir.Combine("data"), ModelsDirs = [] };

    private string CatalogPath => Settings.DbPath;

    [Fact]
    public async Task Imports_into_an_empty_catalog_keeping_ids_and_prints_a_summary()
    {
        var source = Source(3, PythonFixtures.Library());

        var exit = await RunAsync(source);

        Assert.Equal(0, exit);
        Assert.Equal("", _err.ToString());
        var lines = Lines();
        Assert.Equal($"Imported 5 track(s) from {source} (schema version 3) into {CatalogPath}.", lines[0]);
        Assert.Contains($"  {PythonFixtures.Effnet}: 2", lines);
        Assert.Contains($"  {PythonFixtures.Tiny}: 2", lines);
        Assert.Contains("Style rows: 4; style vectors: 1.", lines);
        Assert.Contains("  track 15 /music/broken/nothing.wav: no embedding", lines);
        Assert.Contains("Track ids kept.", lines);
        using var catalog = LiteDbCatalog.Open(CatalogPath);
        Assert.Equal(["/music/Aphex Twin/SAW/01 Xtal.flac", "/music/b/tiny2.flac"], [(await catalog.GetTrackAsync(3, default))!.Path, (await catalog.GetTrackAsync(20, default))!.Path]);
    }

    [Fact]
    public async Task Into_a_catalog_with_tracks_prints_the_id_mapping_and_the_skipped_rows()
    {
        await RunAsync(Source(1, [new PythonTrack { Id = 40, Path = "/music/untagged/track07.mp3", Embedding = [1, 0] }]));
        _out.GetStringBuilder().Clear();

        var exit = await RunAsync(Source(3, PythonFixtures.Library()));

        Assert.Equal(0, exit);
        var lines = Lines();
        var mapping = lines.SkipWhile(l => l != "Track ids changed (old -> new):").Skip(1).TakeWhile(l => l.Contains(" -> ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["3 -> 41", "12 -> 42", "15 -> 43", "20 -> 44"], mapping);
        Assert.Contains("Skipped 1 track(s):", lines);
        Assert.Contains("  track 7 /music/untagged/track07.mp3: already in the catalog as track 40", lines);
        using var catalog = LiteDbCatalog.Open(CatalogPath);
        Assert.Equal("/music/b/tiny2.flac", (await catalog.GetTrackAsync(44, default))!.Path);
        Assert.Equal(PythonFixtures.Library()[4].Embedding, (await catalog.GetEmbeddingAsync(44, default))!.Vector);
    }

    [Fact]
    public async Task Json_output_carries_the_summary()
    {
        var exit = await RunAsync(Source(2, PythonFixtures.Library()), json: true);

        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(_out.ToString());
        var summary = doc.RootElement.GetProperty("summary");
        Assert.Equal(2, doc.RootElement.GetProperty("schema_version").GetInt32());
        Assert.Equal(5, summary.GetProperty("imported").GetInt32());
        Assert.True(summary.GetProperty("kept_ids").GetBoolean());
        Assert.Equal(2, summary.GetProperty("by_model").GetProperty(PythonFixtures.Tiny).GetInt64());
        Assert.Equal(15, summary.GetProperty("without_embedding")[0].GetProperty("source_id").GetInt64());
    }

    [Fact]
    public async Task A_bad_row_late_in_the_file_imports_nothing()
    {
        await RunAsync(Source(3, [new PythonTrack { Id = 1, Path = "/music/first.flac", Embedding = [1, 0] }]));
        var before = Hash(CatalogPath);
        var rows = PythonFixtures.Library().Append(new PythonTrack { Id = 99, Path = "/music/zz.flac", EmbeddingBlob = new byte[100], EmbeddingDim = 1280 });

        var exit = await RunAsync(Source(3, rows));

        Assert.Equal(1, exit);
        Assert.Equal("import: track 99: embedding is 100 bytes, expected 5120 for dimension 1280", _err.ToString().Trim());
        Assert.Equal(before, Hash(CatalogPath));
    }

    [Fact]
    public async Task Bad_files_are_refused_with_a_reason_and_create_no_catalog()
    {
        var text = _dir.Combine("notes.txt");
        File.WriteAllText(text, new string('a', 4096));
        var valid = Source(3, PythonReaderRows(300));
        var truncated = _dir.Combine("truncated.db");
        File.WriteAllBytes(truncated, File.ReadAllBytes(valid)[..(int)(new FileInfo(valid).Length * 2 / 3)]);
        var newer = _dir.Combine("v4.db");
        PythonDatabaseBuilder.Create(newer, 3, PythonFixtures.Library(), storedVersion: 4);

        foreach (var (path, expected) in new[]
                 {
                     (text, "not a harmonie database"),
                     (truncated, "is truncated"),
                     (newer, "schema version 4"),
                     (_dir.Combine("missing.db"), "no such file"),
                 })
        {
            _err.GetStringBuilder().Clear();

            var exit = await RunAsync(path);

            Assert.Equal(1, exit);
            Assert.StartsWith("import: ", _err.ToString());
            Assert.Contains(expected, _err.ToString());
            Assert.False(File.Exists(CatalogPath), $"{path} left a catalog behind");
        }
    }

    [Fact]
    public async Task A_database_without_tracks_imports_nothing_and_succeeds()
    {
        var exit = await RunAsync(Source(3, []));

        Assert.Equal(0, exit);
        Assert.StartsWith("Nothing to import:", _out.ToString());
        Assert.False(File.Exists(CatalogPath));
    }

    [Fact]
    public async Task Refuses_while_a_server_owns_the_data_directory()
    {
        using var owner = DataDirectoryLock.TryAcquire(Settings.DataDir)!;
        owner.PublishServer("http://127.0.0.1:8842");

        var exit = await RunAsync(Source(3, PythonFixtures.Library()));

        Assert.Equal(1, exit);
        Assert.Equal($"import: a harmonie server (http://127.0.0.1:8842) is using {Settings.DataDir}; stop it, run the import, then start it again", _err.ToString().Trim());
        Assert.False(File.Exists(CatalogPath));
    }

    [Fact]
    public async Task Refuses_a_python_database_lying_where_the_catalog_belongs()
    {
        Directory.CreateDirectory(Settings.DataDir);
        PythonDatabaseBuilder.Create(CatalogPath, 3, PythonFixtures.Library());
        var before = Hash(CatalogPath);

        var sameFile = await RunAsync(CatalogPath);
        var otherSource = await RunAsync(Source(3, PythonFixtures.Library()));

        Assert.Equal((1, 1), (sameFile, otherSource));
        var errors = _err.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("where this harmonie keeps its own catalog", errors[0]);
        Assert.Contains("is an SQLite file", errors[1]);
        Assert.Equal(before, Hash(CatalogPath));
    }

    public void Dispose()
    {
        _out.Dispose();
        _err.Dispose();
        _dir.Dispose();
    }

    internal static IEnumerable<PythonTrack> PythonReaderRows(int count) =>
        Enumerable.Range(1, count).Select(i => new PythonTrack
        {
            Id = i,
            Path = $"/music/t{i:D4}.flac",
            Embedding = PythonDatabaseBuilder.Vector(64, i),
            StyleActivations = PythonFixtures.StyleActivations(i),
        });

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    private List<string> Lines() => [.. _out.ToString().Split(Environment.NewLine)];

    private Task<int> RunAsync(string source, bool json = false) =>
        ImportCommand.RunAsync(Settings, source, json, _out, _err, CancellationToken.None);

    private string Source(int version, IEnumerable<PythonTrack> tracks)
    {
        var path = _dir.Combine($"python-{Guid.NewGuid():N}.db");
        PythonDatabaseBuilder.Create(path, version, tracks);
        return path;
    }
}
