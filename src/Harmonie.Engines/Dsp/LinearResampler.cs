using Harmonie.Engines.Audio;

namespace Harmonie.Engines.Dsp;

/// <summary>
/// Streaming linear-interpolation resampler that reproduces Essentia's <c>Resample(quality=4)</c>
/// (libsamplerate's linear converter): output n is x at t = n/ρ − 1 with x[−1] = x[0], where ρ is the
/// rate ratio rounded to float32, and the output holds ceil(L·ρ) samples. Matching it keeps the
/// embedding model's input identical to the original's.
/// </summary>
public sealed class LinearResampler : IPcmSink
{
    private const int ChunkSize = 8192;
    private readonly double _ratio;
    private readonly IPcmSink _sink;
    private readonly float[] _chunk = new float[ChunkSize];
    private int _chunkCount;
    private long _inputCount;
    private long _outputIndex;
    private float _previous;
    private float _first;

    public LinearResampler(int inputRate, int outputRate, IPcmSink sink)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputRate);
        _ratio = (float)((float)outputRate / (float)inputRate);
        _sink = sink;
    }

    /// <summary>Number of output samples a whole input of <paramref name="inputLength"/> samples yields.</summary>
    public long OutputLength(long inputLength) => (long)Math.Ceiling(inputLength * _ratio);

    public void Write(ReadOnlySpan<float> samples)
    {
        if (samples.IsEmpty)
        {
            return;
        }

        if (_inputCount == 0)
        {
            _first = samples[0];
        }

        var blockStart = _inputCount;
        var blockEnd = blockStart + samples.Length;
        while (true)
        {
            var t = (_outputIndex / _ratio) - 1.0;
            var i0 = (long)Math.Floor(t);
            if (i0 + 1 >= blockEnd)
            {
                break;
            }

            var frac = t - i0;
            var a = Sample(i0, samples, blockStart);
            var b = Sample(i0 + 1, samples, blockStart);
            Emit((float)(a + (frac * (b - a))));
        }

        _previous = samples[^1];
        _inputCount = blockEnd;
    }

    /// <summary>Emits the tail, where positions past the last input sample hold it, and forwards what is buffered.</summary>
    public void Flush()
    {
        var total = OutputLength(_inputCount);
        while (_outputIndex < total)
        {
            Emit(_previous);
        }

        if (_chunkCount > 0)
        {
            _sink.Write(_chunk.AsSpan(0, _chunkCount));
            _chunkCount = 0;
        }
    }

    private float Sample(long index, ReadOnlySpan<float> block, long blockStart)
    {
        if (index < 0)
        {
            return _first;
        }

        return index < blockStart ? _previous : block[(int)(index - blockStart)];
    }

    private void Emit(float value)
    {
        _chunk[_chunkCount++] = value;
        _outputIndex++;
        if (_chunkCount == ChunkSize)
        {
            _sink.Write(_chunk);
            _chunkCount = 0;
        }
    }
}
