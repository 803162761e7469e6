using System.Text.Json.Nodes;
using Harmonie.Analysis;
using Harmonie.Engines.Catalog;
using Harmonie.Engines.Catalog.LiteDb;
using Harmonie.TestSupport;
using Harmonie.Web.Tests.Infrastructure;

namespace Harmonie.Web.Tests.Scanning;

public sealed class DescriptorRefreshTests : IDisposable
{
    private readonly ToneLibrary _library = ToneLibrary.Create(3, seconds: 4);

    /// <summary>
    /// Rows stored by an older descriptor algorithm (descriptor_version 0 with other descriptor values) are what a
    /// bump of <see cref="AnalysisVersions.Descriptors"/> leaves behind: the next scan re-extracts descriptors only.
    /// </summary>
    [Fact]
    public async Task Rows_of_an_older_descriptor_version_get_a_descriptors_only_refresh_that_keeps_their_embeddings()
    {
        await using var server = await HarmonieTestServer.StartAsync([_library.Root]);
        await server.ScanAsync();
        var ids = (await server.ListTracksAsync()).Select(t => (long)t!["id"]!).ToList();
        var before = await DetailsAsync(server, ids);
        var similarBefore = await server.GetJsonEventuallyAsync($"api/v1/tracks/{ids[0]}/similar", j => j["matches"]!.AsArray().Count == 2);
        var embeddings = new Dictionary<long, float[]>();

        await server.RestartAsync(whileStopped: catalog => DowngradeAsync(catalog, ids, embeddings));
        var downgraded = await DetailsAsync(server, ids);
        Assert.All(downgraded.Values, t => Assert.Equal((0, 1.0), ((int)t["descriptor_version"]!, (double)t["bpm"]!)));

        var refresh = await server.ScanAsync();

        Assert.Equal((3L, 0L, 0L), ((long)refresh["descriptors_only"]!, (long)refresh["full"]!, (long)refresh["skipped"]!));
        var after = await DetailsAsync(server, ids);
        foreach (var id in ids)
        {
            Assert.Equal(1, (int)after[id]["descriptor_version"]!);
            Assert.True((double)after[id]["analyzed_at"]! > (double)before[id]["analyzed_at"]!);
            foreach (var field in new[] { "path", "size", "mtime", "model", "embedding_dim", "duration", "bpm", "key", "scale", "loudness", "danceability", "onset_rate" })
            {
                Assert.True(JsonNode.DeepEquals(before[id][field], after[id][field]), $"{id} {field}: {before[id][field]} -> {after[id][field]}");
            }
        }

        // The embeddings were not touched: same neighbours, same scores, same stored vectors; the next scan skips.
        var similarAfter = await server.GetJsonAsync($"api/v1/tracks/{ids[0]}/similar");
        Assert.True(JsonNode.DeepEquals(Scores(similarBefore), Scores(similarAfter)), $"{similarBefore}\n{similarAfter}");
        Assert.Equal(3L, (long)(await server.ScanAsync())["skipped"]!);
        await server.RestartAsync(whileStopped: async catalog =>
        {
            foreach (var id in ids)
            {
                Assert.Equal(embeddings[id], (await catalog.GetEmbeddingAsync(id, default))!.Vector);
            }
        });
    }

    public void Dispose() => _library.Dispose();

    private static JsonArray Scores(JsonNode similar) =>
        [.. similar["matches"]!.AsArray().Select(m => (JsonNode)new JsonArray((long)m!["track_id"]!, (double)m["score"]!))];

    private static async Task<Dictionary<long, JsonNode>> DetailsAsync(HarmonieTestServer server, IEnumerable<long> ids)
    {
        var details = new Dictionary<long, JsonNode>();
        foreach (var id in ids)
        {
            details[id] = await server.GetJsonAsync($"api/v1/tracks/{id}");
        }

        return details;
    }

    /// <summary>Rewrites each row as version 0 with a wrong BPM, keeping its embedding and everything else.</summary>
    private static async Task DowngradeAsync(LiteDbCatalog catalog, IEnumerable<long> ids, Dictionary<long, float[]> embeddings)
    {
        foreach (var id in ids)
        {
            var track = (await catalog.GetTrackAsync(id, default))!;
            var embedding = (await catalog.GetEmbeddingAsync(id, default))!;
            embeddings[id] = embedding.Vector;
            await catalog.SaveAnalysisAsync(
                new TrackWrite
                {
                    Location = new TrackLocation(track.Path, track.LibraryRoot, track.RelativePath),
                    Size = track.Size,
                    Mtime = track.Mtime,
                    AnalyzedAt = track.AnalyzedAt,
                    DescriptorVersion = 0,
                    Result = new AnalysisResult
                    {
                        Duration = track.Duration,
                        Tags = track.Tags,
                        Descriptors = track.Descriptors with { Bpm = 1.0 },
                        Embedding = embedding,
                        Styles = track.Styles,
                        Fingerprint = track.Fingerprint,
                    },
                },
                default);
        }
    }
}
