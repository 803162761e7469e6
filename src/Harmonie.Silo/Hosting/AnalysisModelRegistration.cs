using Harmonie.Engines.Descriptors;
using Harmonie.Engines.Embeddings;
using Harmonie.Silo.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Harmonie.Silo.Hosting;

/// <summary>Registers the descriptor extractor and the embedding model found in the models folders.</summary>
public static class AnalysisModelRegistration
{
    public static IServiceCollection AddAnalysisModels(this IServiceCollection services, HarmonieSettings settings)
    {
        services.AddSingleton<IDescriptorExtractor, DescriptorExtractor>();
        services.AddSingleton(sp => EmbeddingModelLocator.Select(
            ModelsDirectory(settings),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Harmonie.Embeddings"),
            new EffnetModelOptions { IntraOpNumThreads = settings.InferenceThreads }));
        return services;
    }

    /// <summary>The first models folder that holds ONNX files, else the first candidate (so the log names where to put them).</summary>
    public static string ModelsDirectory(HarmonieSettings settings) =>
        settings.ModelsDirs.FirstOrDefault(d => Directory.Exists(d) && Directory.EnumerateFiles(d, "*.onnx").Any())
        ?? settings.ModelsDirs[0];
}
