namespace Harmonie.Engines.VectorIndex;

/// <summary>How <see cref="EmbeddingIndex.Search"/> finds candidates. Every strategy scores them exactly.</summary>
public enum VectorSearchStrategy
{
    /// <summary>Exact scan for small indexes, selective filters and zero queries; the HNSW graph otherwise.</summary>
    Auto,

    /// <summary>Always scan every permitted vector. No HNSW graph is built or saved.</summary>
    Exact,

    /// <summary>Always ask the HNSW graph (falls back to a scan only when it returns too few permitted ids).</summary>
    Graph,
}
