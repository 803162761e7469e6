namespace Harmonie.Engines.Embeddings;

/// <summary>Receives log-mel frames one at a time, in order.</summary>
public interface IMelFrameSink
{
    /// <param name="logMel">The frame's log-compressed mel bands; only valid during the call.</param>
    void OnFrame(ReadOnlySpan<float> logMel);
}
