namespace Harmonie.Engines.Embeddings;

/// <summary>Receives batches of mel patches (patch-major, each 128 frames × 96 bands).</summary>
internal interface IMelPatchSink
{
    void OnBatch(ReadOnlySpan<float> patches, int patchCount);
}
