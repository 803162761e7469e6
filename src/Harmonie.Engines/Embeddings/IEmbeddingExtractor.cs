namespace Harmonie.Engines.Embeddings;

/// <summary>An embedding model; thread-safe, loaded once per process.</summary>
public interface IEmbeddingExtractor
{
    /// <summary>The model name stored with every track (similarity never compares across models).</summary>
    string ModelName { get; }

    int Dimension { get; }

    /// <summary>True when the model also yields the 400 Discogs style probabilities.</summary>
    bool ProducesStyles { get; }

    /// <summary>Starts one track. The session receives 44.1 kHz mono PCM.</summary>
    IEmbeddingSession Begin();

    /// <summary>The Discogs-400 labels in the order of the style vector; null when the model yields no styles.</summary>
    IReadOnlyList<string>? StyleLabels { get; }
}
