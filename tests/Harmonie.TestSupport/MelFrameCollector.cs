using Harmonie.Engines.Embeddings;

namespace Harmonie.TestSupport;

/// <summary>Keeps the first frames and the running mean of every band, as the reference dumps do.</summary>
public sealed class MelFrameCollector(int keepFirst = 10) : IMelFrameSink
{
    private readonly double[] _sums = new double[MusicnnMelFrontEnd.BandCount];

    public List<float[]> FirstFrames { get; } = [];

    public long Count { get; private set; }

    public float[] BandMeans => _sums.Select(s => (float)(s / Count)).ToArray();

    public void OnFrame(ReadOnlySpan<float> logMel)
    {
        Count++;
        if (FirstFrames.Count < keepFirst)
        {
            FirstFrames.Add(logMel.ToArray());
        }

        for (var b = 0; b < logMel.Length; b++)
        {
            _sums[b] += logMel[b];
        }
    }
}
