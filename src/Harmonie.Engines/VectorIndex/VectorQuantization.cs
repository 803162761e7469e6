namespace Harmonie.Engines.VectorIndex;

/// <summary>
/// How the HNSW graph stores its copy of the vectors. Int8 is deliberately absent: it lost recall on 1280-d
/// normalised embeddings. Scores never come from this copy; they come from the engine's float32 vectors.
/// </summary>
public enum VectorQuantization
{
    /// <summary>Half precision: 2 bytes per dimension, builds 2.4–3× faster than Float32 at the same recall.</summary>
    Float16,

    Float32,
}
