namespace Harmonie.Engines.Embeddings;

/// <summary>A model file that cannot be used: missing, unreadable, truncated, or with the wrong inputs or outputs.</summary>
public sealed class EmbeddingModelException(string message, Exception? inner = null) : Exception(message, inner);
