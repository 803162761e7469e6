namespace Harmonie.Engines.VectorIndex;

/// <summary>What <see cref="EmbeddingIndex.LoadAsync"/> found in a snapshot.</summary>
/// <param name="Index">The loaded index; the caller owns (and disposes) it.</param>
/// <param name="Watermark">The value given to <see cref="EmbeddingIndex.SaveAsync"/>, for reconciling with the catalog.</param>
/// <param name="GraphRebuilt">True when the graph file was missing or inconsistent and the graph was rebuilt from the vectors.</param>
/// <param name="RebuildReason">Why the graph was rebuilt, or null.</param>
public sealed record EmbeddingIndexLoadResult(EmbeddingIndex Index, long Watermark, bool GraphRebuilt, string? RebuildReason);
