using Harmonie.Analysis;
using Harmonie.Engines.Catalog;

namespace Harmonie.Engines.Tests.Catalog;

/// <summary>Builders for catalog writes in tests.</summary>
internal static class CatalogFixtures
{
    public static TrackWrite Write(
        string path,
        string? artist = null,
        string? album = null,
        string? title = null,
        double? bpm = null,
        string model = "m1",
        float[]? vector = null,
        string root = "/lib",
        double duration = 10,
        long size = 100,
        IReadOnlyList<StyleScore>? styles = null) => new()
        {
            Location = new TrackLocation(path, root, Path.GetRelativePath(root, path)),
            Size = size,
            Mtime = 1_700_000_000,
            AnalyzedAt = 1_700_000_100,
            Result = new AnalysisResult
            {
                Duration = duration,
                Tags = new TrackTags { Artist = artist, Album = album, Title = title, TrackNumber = 3 },
                Descriptors = new AudioDescriptors { Bpm = bpm, Key = "A", Scale = "minor" },
                Embedding = new TrackEmbedding(model, vector ?? [1f, 0f, 0f, 0f], [0.5f, 0.25f]),
                Styles = styles ?? [new StyleScore("Electronic---House", 0.7)],
                Fingerprint = "fp-" + Path.GetFileName(path),
            },
        };
}
