using Harmonie.Analysis;
using Harmonie.Grains.Tests.Infrastructure;
using Harmonie.Tracks;

namespace Harmonie.Grains.Tests.Similarity;

/// <summary>
/// Twelve rows over two shards: ten of a 3-d model with BPMs (two missing) and style rows whose probabilities
/// differ between the shards (so a mean of shard means would be wrong), one row of another model, one without embedding.
/// </summary>
public sealed class QueryLibraryFixture : ClusterFixture
{
    public const string Model = "query-3d";
    public const string OtherModel = "other-2d";
    public const long OtherModelTrack = 11;
    public const long NoEmbeddingTrack = 12;

    public static IReadOnlyList<(TrackRecord Track, float[]? Vector)> Rows { get; } = Build();

    protected override async Task SeedAsync(HarmonieCluster harmonie)
    {
        await SyntheticTracks.ImportAsync(harmonie.Store, Rows);
        await IndexReady.WaitAsync(harmonie, Rows);
    }

    private static List<(TrackRecord, float[]?)> Build()
    {
        double?[] bpm = [128, null, 95, 140, 120, 120, null, 87.5, 101, 133];
        var rows = new List<(TrackRecord, float[]?)>();
        for (var id = 1; id <= 10; id++)
        {
            // Odd ids (shard 1) lean techno at 0.9; even ids (shard 0) at 0.3; every third track is also ambient.
            List<StyleScore> styles = [new("Electronic---Techno", id % 2 == 1 ? 0.9 : 0.3)];
            if (id % 3 == 0)
            {
                styles.Add(new StyleScore("Electronic---Ambient", 0.2 + (id * 0.05)));
            }

            rows.Add((Row(id, Model, bpm[id - 1], styles), [(float)Math.Cos(id), (float)Math.Sin(id), id / 10f]));
        }

        rows.Add((Row(OtherModelTrack, OtherModel, 110, [new StyleScore("Rock---Shoegaze", 0.6)]), [1, 0]));
        rows.Add((Row(NoEmbeddingTrack, null, 99, [new StyleScore("Electronic---Techno", 0.5)]), null));
        return rows;
    }

    private static TrackRecord Row(long id, string? model, double? bpm, IReadOnlyList<StyleScore> styles) => new()
    {
        Id = id,
        Path = $"/query/{id:D2}.flac",
        LibraryRoot = "/query",
        RelativePath = $"{id:D2}.flac",
        Size = 1000 + id,
        Mtime = 1_700_000_000,
        Duration = 100 + id,
        Model = model,
        DescriptorVersion = 1,
        Tags = new TrackTags { Artist = $"Artist {id % 4}", Title = $"Title {id}" },
        Descriptors = new AudioDescriptors { Bpm = bpm, Key = "C", Scale = id % 2 == 0 ? "major" : "minor" },
        Styles = [.. styles.OrderByDescending(s => s.Probability)],
        AnalyzedAt = 1_700_000_100 + id,
    };
}
