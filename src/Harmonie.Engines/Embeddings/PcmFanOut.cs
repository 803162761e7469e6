using Harmonie.Engines.Audio;

namespace Harmonie.Engines.Embeddings;

/// <summary>Passes every block to several sinks in turn.</summary>
internal sealed class PcmFanOut(params IPcmSink[] sinks) : IPcmSink
{
    public void Write(ReadOnlySpan<float> samples)
    {
        foreach (var sink in sinks)
        {
            sink.Write(samples);
        }
    }
}
