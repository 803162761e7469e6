using Harmonie.Engines.Embeddings;
using Harmonie.TestSupport;

namespace Harmonie.Web.Tests.Infrastructure;

/// <summary>A models folder holding the tiny stand-ins for Discogs-EffNet and its Discogs-400 head (same names and shapes).</summary>
public static class TinyModelsDirectory
{
    public static string Create(string directory)
    {
        Directory.CreateDirectory(directory);
        TinyEffnetModels.WriteEmbeddingModel(Path.Combine(directory, EffnetModelFiles.DynamicBatchModel));
        TinyEffnetModels.WriteStyleHead(Path.Combine(directory, EffnetModelFiles.StyleHeadModel));
        return directory;
    }
}
