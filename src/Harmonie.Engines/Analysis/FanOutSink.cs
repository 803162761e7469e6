using Harmonie.Engines.Audio;

namespace Harmonie.Engines.Analysis;

/// <summary>Feeds one decoded stream to several analysers, so every file is decoded once.</summary>
internal sealed class FanOutSink(IReadOnlyList<IPcmSink> sinks) : IPcmSink
{
    public void Write(ReadOnlySpan<float> samples)
    {
        foreach (var sink in sinks)
        {
            sink.Write(samples);
        }
    }
}
