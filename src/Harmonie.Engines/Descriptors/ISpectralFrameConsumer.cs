namespace Harmonie.Engines.Descriptors;

/// <summary>An estimator that reads the shared short-time spectrum frame by frame.</summary>
internal interface ISpectralFrameConsumer
{
    void Consume(SpectralFrame frame);
}
