namespace Harmonie.Engines.Dsp;

/// <summary>
/// Cuts a stream of samples into overlapping frames (frame k covers samples [k·hop, k·hop + size)), keeping
/// only one frame of history, so a whole track never has to be in memory.
/// </summary>
public sealed class SlidingFramer
{
    private readonly float[] _buffer;
    private readonly int _hop;
    private int _filled;
    private bool _emitted;

    public SlidingFramer(int frameSize, int hopSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hopSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hopSize, frameSize);
        _buffer = new float[frameSize];
        _hop = hopSize;
    }

    public int FrameSize => _buffer.Length;

    public int HopSize => _hop;

    /// <summary>Adds samples and calls <paramref name="onFrame"/> for every frame completed by them.</summary>
    public void Write(ReadOnlySpan<float> samples, Action<float[]> onFrame)
    {
        while (!samples.IsEmpty)
        {
            var take = Math.Min(samples.Length, _buffer.Length - _filled);
            samples[..take].CopyTo(_buffer.AsSpan(_filled));
            _filled += take;
            samples = samples[take..];
            if (_filled == _buffer.Length)
            {
                onFrame(_buffer);
                _emitted = true;
                var keep = _buffer.Length - _hop;
                _buffer.AsSpan(_hop, keep).CopyTo(_buffer);
                _filled = keep;
            }
        }
    }

    /// <summary>
    /// Emits the last, partly filled frame zero-padded, if it holds samples not yet seen by any frame
    /// (<paramref name="minimumNewSamples"/> lets a caller skip tiny tails).
    /// </summary>
    public void Flush(Action<float[]> onFrame, int minimumNewSamples = 1)
    {
        // After the first frame the first (size − hop) buffered samples were already seen.
        var fresh = _emitted ? _filled - (_buffer.Length - _hop) : _filled;
        if (fresh >= minimumNewSamples && fresh > 0)
        {
            _buffer.AsSpan(_filled).Clear();
            onFrame(_buffer);
        }

        _filled = 0;
        _emitted = false;
    }
}
