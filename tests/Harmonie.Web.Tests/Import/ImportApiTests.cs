using System.Text.Json.Nodes;
using Harmonie.Engines.Library;
using Harmonie.Silo.Cli;
using Harmonie.Silo.Configuration;
using Harmonie.TestSupport;
using Harmonie.TestSupport.Import;
using Harmonie.Web.Tests.Infrastructure;

namespace Harmonie.Web.Tests.Import;

/// <summary>A Python harmonie database imported with <c>harmonie import</c>, then served and scanned: checked over HTTP.</summary>
public sealed class ImportApiTests : IDisposable
{
    private const string Effnet = "discogs-effnet-bs64-1";
    private const string Legacy = "legacy-model";
    private readonly ToneLibrary _library = ToneLibrary.Create(4, seconds: 1);
    private readonly TempDirectory _dir = new("harmonie-import-api");

    [Fact]
    public async Task Imported_tracks_are_served_as_they_were_and_a_scan_skips_them()
    {
        var source = Source();
        var dataDir = _dir.Combine("data");
        using (var output = new StringWriter())
        using (var error = new StringWriter())
        {
            var exit = await ImportCommand.RunAsync(new HarmonieSettings { DataDir = dataDir, ModelsDirs = [] }, _dir.Combine("python.db"), false, output, error, default);
            Assert.True(exit == 0, error.ToString());
        }

        await using var server = await HarmonieTestServer.StartAsync([_library.Root], dataDir: dataDir);

        // Ids kept, every field as in the source.
        Assert.Equal(source.Select(t => t.Id), (await server.ListTracksAsync()).Select(t => (long)t!["id"]!));
        foreach (var track in source)
        {
            AssertServedAsImported(track, await server.GetJsonAsync($"api/v1/tracks/{track.Id}"));
        }

        var status = await server.GetJsonAsync("api/v1/status");
        Assert.Equal((5L, 2L, 3L), ((long)status["tracks"]!, (long)status["by_model"]![Effnet]!, (long)status["by_model"]![Legacy]!));

        // The index serves a model and dimension our analyser never produces.
        await AssertSimilarAsync(server, source, 12);
        await AssertSimilarAsync(server, source, 3);

        var styles = (await server.GetJsonAsync("api/v1/styles"))["items"]!.AsArray();
        Assert.Equal(
            [("Electronic---Techno", 2L), ("Electronic---House", 1L), ("Rock---Shoegaze", 1L)],
            styles.Select(s => ((string)s!["style"]!, (long)s["track_count"]!)));
        var genres = (await server.GetJsonAsync("api/v1/genres"))["items"]!.AsArray();
        Assert.Equal([("Electronic", 3L), ("Rock", 1L)], genres.Select(g => ((string)g!["genre"]!, (long)g["track_count"]!)));

        // A scan finds the files unchanged: nothing is analysed, the imported rows and vectors stay as they were.
        var scan = await server.ScanAsync();
        Assert.Equal(
            (4L, 4L, 0L, 0L, 0L),
            ((long)scan["discovered"]!, (long)scan["skipped"]!, (long)scan["full"]!, (long)scan["failed"]!, (long)scan["removed"]!));
        foreach (var track in source)
        {
            AssertServedAsImported(track, await server.GetJsonAsync($"api/v1/tracks/{track.Id}"));
        }

        await AssertSimilarAsync(server, source, 20);
    }

    public void Dispose()
    {
        _library.Dispose();
        _dir.Dispose();
    }

    private static void AssertServedAsImported(PythonTrack expected, JsonNode served)
    {
        Assert.Equal(expected.Path, (string?)served["path"]);
        Assert.Equal(expected.LibraryRoot, (string?)served["library_root"]);
        Assert.Equal(expected.RelativePath ?? Path.GetRelativePath(expected.LibraryRoot!, expected.Path), (string?)served["relative_path"]);
        Assert.Equal((expected.Size, expected.Mtime, expected.Duration), ((long)served["size"]!, (double)served["mtime"]!, (double)served["duration"]!));
        Assert.Equal((expected.Model, expected.Embedding!.Length, expected.DescriptorVersion), ((string?)served["model"], (int)served["embedding_dim"]!, (int)served["descriptor_version"]!));
        Assert.Equal((expected.Bpm, expected.BpmConfidence, expected.Key, expected.Scale), ((double?)served["bpm"], (double?)served["bpm_confidence"], (string?)served["key"], (string?)served["scale"]));
        Assert.Equal(
            (expected.KeyStrength, expected.Loudness, expected.Danceability, expected.OnsetRate),
            ((double?)served["key_strength"], (double?)served["loudness"], (double?)served["danceability"], (double?)served["onset_rate"]));
        Assert.Equal(
            (expected.Artist, expected.Album, expected.Title, expected.TrackNumber),
            ((string?)served["artist"], (string?)served["album"], (string?)served["title"], (int?)served["track_number"]));
        Assert.Equal(expected.AnalyzedAt, (double)served["analyzed_at"]!);
        Assert.Equal(
            expected.Styles.OrderByDescending(s => s.Probability),
            served["styles"]!.AsArray().Select(s => ((string)s!["style"]!, (double)s["probability"]!)));
    }

    private static async Task AssertSimilarAsync(HarmonieTestServer server, IReadOnlyList<PythonTrack> source, long id)
    {
        var query = source.Single(t => t.Id == id);
        var expected = source.Where(t => t.Model == query.Model && t.Id != id)
            .Select(t => (t.Id, Score: ReferenceCosine.Of(query.Embedding!, t.Embedding!)))
            .OrderByDescending(x => x.Score).ThenBy(x => x.Id).ToList();

        var matches = (await server.GetJsonEventuallyAsync(
            $"api/v1/tracks/{id}/similar", j => j["matches"]!.AsArray().Count == expected.Count))["matches"]!.AsArray();

        Assert.Equal(expected.Select(x => x.Id), matches.Select(m => (long)m!["track_id"]!));
        Assert.All(matches.Zip(expected), p => Assert.Equal(p.Second.Score, (double)p.First!["score"]!, 5));
    }

    /// <summary>Writes the Python database: four rows for the library's files (exact size and mtime), one for a file elsewhere.</summary>
    private List<PythonTrack> Source()
    {
        var root = LibraryPaths.Resolve(_library.Root);
        PythonTrack ForFile(long id, int file, string model, int dimension) => new()
        {
            Id = id,
            Path = _library.PathOf(_library.Files[file]),
            LibraryRoot = root,
            RelativePath = _library.Files[file],
            Size = FileStat.Read(_library.PathOf(_library.Files[file]))!.Value.Size,
            Mtime = FileStat.Read(_library.PathOf(_library.Files[file]))!.Value.Mtime,
            Duration = 1,
            Model = model,
            Embedding = PythonDatabaseBuilder.Vector(dimension, (int)id),
            Bpm = 100 + id,
            BpmConfidence = 2.5 + (id / 10.0),
            Key = id % 2 == 0 ? "A" : "Eb",
            Scale = id % 2 == 0 ? "minor" : "major",
            KeyStrength = 0.5 + (id / 100.0),
            Loudness = -10 + (id / 10.0),
            Danceability = 1 + (id / 20.0),
            OnsetRate = 3 + (id / 4.0),
            Artist = $"Artist {id}",
            Album = $"Album {id % 3}",
            Title = $"Title {id}",
            TrackNumber = (int)id,
            AnalyzedAt = 1_700_000_000.5 + id,
            Fingerprint = null,
        };

        List<PythonTrack> tracks =
        [
            ForFile(3, 0, Effnet, 1280) with
            {
                StyleActivations = PythonFixtures.StyleActivations(3),
                Styles = [("Electronic---Techno", 0.75), ("Electronic---House", 0.25)],
            },
            ForFile(7, 1, Effnet, 1280) with { Styles = [("Electronic---Techno", 0.5)], Artist = null, TrackNumber = null },
            ForFile(12, 2, Legacy, 8) with { Styles = [("Rock---Shoegaze", 0.5)] },
            ForFile(20, 3, Legacy, 8) with { Bpm = null, Key = null, Scale = null },
            ForFile(21, 0, Legacy, 8) with { Path = "/elsewhere/gone.flac", LibraryRoot = "/elsewhere", RelativePath = "gone.flac" },
        ];
        PythonDatabaseBuilder.Create(_dir.Combine("python.db"), 3, tracks);
        return tracks;
    }
}
