using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;

namespace Harmonie.Engines.Embeddings;

/// <summary>
/// Chooses the embedding model at startup: Discogs-EffNet when its ONNX files in the models folder load
/// and have the right shapes, otherwise the built-in DSP embedding. Logs exactly one line saying which
/// and why, and never throws for bad model files (a broken download must not crash-loop the service).
/// </summary>
public static class EmbeddingModelLocator
{
    /// <summary>Environment variable naming the models folder.</summary>
    public const string ModelsDirectoryVariable = "HARMONIE_MODELS_DIR";

    public static IEmbeddingExtractor Select(string modelsDirectory, ILogger logger, EffnetModelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(logger);
        var files = EffnetModelFiles.Find(modelsDirectory);
        if (files is null)
        {
            logger.LogInformation(
                "Embedding model: built-in {Model} ({Dimension}-d, no styles): no {Dynamic} or {Fixed} in {Directory}",
                BuiltinEmbeddingExtractor.Model, BuiltinEmbeddingExtractor.EmbeddingDimension,
                EffnetModelFiles.DynamicBatchModel, EffnetModelFiles.FixedBatchModelPattern, Path.GetFullPath(modelsDirectory));
            return new BuiltinEmbeddingExtractor();
        }

        try
        {
            var extractor = EffnetDiscogsExtractor.Load(files, options);
            logger.Log(extractor.StyleHeadRejected ? LogLevel.Warning : LogLevel.Information,
                "Embedding model: {Model} ({Dimension}-d) from {Description}", extractor.ModelName, extractor.Dimension, extractor.Description);
            return extractor;
        }
        catch (Exception e) when (e is EmbeddingModelException or IOException or UnauthorizedAccessException or InvalidDataException
            or OnnxRuntimeException or DllNotFoundException or TypeInitializationException)
        {
            logger.LogWarning(
                "Embedding model: built-in {Model} ({Dimension}-d, no styles) because {File} is unusable: {Reason}",
                BuiltinEmbeddingExtractor.Model, BuiltinEmbeddingExtractor.EmbeddingDimension, files.EmbeddingModel, e.Message);
            return new BuiltinEmbeddingExtractor();
        }
    }
}
