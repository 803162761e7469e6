namespace Harmonie.Engines.Embeddings;

/// <summary>How the Discogs-EffNet models run.</summary>
public sealed record EffnetModelOptions
{
    /// <summary>ONNX Runtime intra-op threads per inference call; set explicitly because the default (all cores) fights the scan's own parallelism.</summary>
    public int IntraOpNumThreads { get; init; } = 1;

    /// <summary>Patches per inference call for a dynamic-batch model (Essentia's default is 64). Fixed-batch models use their own batch size.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>
    /// When the Discogs-400 head file is absent or unusable but the embedding model has its own 400-wide
    /// style output (the bsdynamic export's <c>activations</c>), take styles from that output. Essentia
    /// publishes the head only as a TensorFlow graph, so without this most installations would have no styles.
    /// </summary>
    public bool StylesFromEmbeddingModelWhenHeadMissing { get; init; } = true;
}
