using Harmonie.Analysis;
using Harmonie.Engines.Catalog;
using Harmonie.Engines.Import;
using Harmonie.Tracks;

namespace Harmonie.Grains.Tests.Infrastructure;

/// <summary>Catalog rows written directly (no audio): for grains that only read the catalog and the index.</summary>
public static class SyntheticTracks
{
    /// <summary>Stores an analysis result for <paramref name="path"/> as a scan would.</summary>
    public static Task<TrackRecord> SaveAsync(ICatalog catalog, string path, string root, string model, float[] vector, double analyzedAt = 1_700_000_000) =>
        catalog.SaveAnalysisAsync(
            new TrackWrite
            {
                Location = new TrackLocation(path, root, Path.GetRelativePath(root, path)),
                Size = 1000,
                Mtime = 1_600_000_000,
                AnalyzedAt = analyzedAt,
                Result = new AnalysisResult
                {
                    Duration = 180,
                    Tags = new TrackTags { Artist = "Synthetic", Title = Path.GetFileNameWithoutExtension(path) },
                    Descriptors = new AudioDescriptors { Bpm = 120, Key = "A", Scale = "minor" },
                    Embedding = new TrackEmbedding(model, vector),
                },
            },
            CancellationToken.None);

    /// <summary>Rows with fixed ids (the catalog must be empty): imported, as <c>harmonie import</c> stores them.</summary>
    public static Task ImportAsync(ICatalogImport catalog, IEnumerable<(TrackRecord Track, float[]? Vector)> rows) =>
        catalog.ImportAsync(
            rows.Select(r => new ImportedTrack
            {
                Track = r.Track,
                Embedding = r.Vector is null || r.Track.Model is null ? null : new TrackEmbedding(r.Track.Model, r.Vector),
            }),
            CancellationToken.None);
}
