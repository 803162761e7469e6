using Harmonie.Engines.Audio;

namespace Harmonie.TestSupport;

/// <summary>Keeps every sample written to it, for tests that compare whole signals.</summary>
public sealed class CollectingSink : IPcmSink
{
    private readonly List<float> _samples = [];

    public int Writes { get; private set; }

    public float[] Samples => [.. _samples];

    public void Write(ReadOnlySpan<float> samples)
    {
        Writes++;
        foreach (var s in samples)
        {
            _samples.Add(s);
        }
    }
}
