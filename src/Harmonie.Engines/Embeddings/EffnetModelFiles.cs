namespace Harmonie.Engines.Embeddings;

/// <summary>The Discogs-EffNet files found in a models folder.</summary>
/// <param name="EmbeddingModel">The embedding network (<c>discogs-effnet-bsdynamic-1.onnx</c> or a bs64 export).</param>
/// <param name="EmbeddingMetadata">Its metadata JSON, when present.</param>
/// <param name="StyleHead">The Discogs-400 head (<c>genre_discogs400-discogs-effnet-1.onnx</c>), when present.</param>
/// <param name="StyleHeadMetadata">The head's metadata JSON with the label order, when present.</param>
public sealed record EffnetModelFiles(string EmbeddingModel, string? EmbeddingMetadata, string? StyleHead, string? StyleHeadMetadata)
{
    public const string DynamicBatchModel = "discogs-effnet-bsdynamic-1.onnx";
    public const string FixedBatchModelPattern = "discogs-effnet-bs64*.onnx";
    public const string StyleHeadModel = "genre_discogs400-discogs-effnet-1.onnx";
    public const string StyleHeadJson = "genre_discogs400-discogs-effnet-1.json";

    /// <summary>The files in <paramref name="directory"/>, preferring the dynamic-batch export; null when there is no embedding model.</summary>
    public static EffnetModelFiles? Find(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return null;
        }

        var model = Path.Combine(directory, DynamicBatchModel);
        if (!File.Exists(model))
        {
            model = Directory.EnumerateFiles(directory, FixedBatchModelPattern).Order(StringComparer.Ordinal).FirstOrDefault();
            if (model is null)
            {
                return null;
            }
        }

        return new EffnetModelFiles(
            model,
            ExistingOrNull(Path.ChangeExtension(model, ".json")),
            ExistingOrNull(Path.Combine(directory, StyleHeadModel)),
            ExistingOrNull(Path.Combine(directory, StyleHeadJson)));
    }

    private static string? ExistingOrNull(string path) => File.Exists(path) ? path : null;
}
