using Harmonie.Analysis;
using Harmonie.Engines.Audio;

namespace Harmonie.Engines.Embeddings;

/// <summary>Embedding extraction for one track, fed block by block so memory stays bounded.</summary>
public interface IEmbeddingSession : IPcmSink, IDisposable
{
    /// <exception cref="InvalidDataException">The audio is too short or the model output is malformed.</exception>
    TrackEmbedding Complete();
}
