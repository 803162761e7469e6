using Harmonie.Engines.VectorIndex;

namespace Harmonie.Grains.Similarity;

/// <summary>How the similarity index is split and persisted.</summary>
public sealed class SimilarityIndexOptions
{
    /// <summary>Shards per model; one in a single process, more in a cluster so no silo holds a whole library.</summary>
    public int Shards { get; set; } = 1;

    /// <summary>Where shards snapshot themselves (one folder per shard); null disables snapshots.</summary>
    public string? SnapshotDirectory { get; set; }

    /// <summary>How often a changed shard writes its snapshot.</summary>
    public TimeSpan SnapshotInterval { get; set; } = TimeSpan.FromMinutes(1);

    public EmbeddingIndexOptions Index { get; set; } = new();
}
