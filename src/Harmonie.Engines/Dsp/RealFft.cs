namespace Harmonie.Engines.Dsp;

/// <summary>
/// Forward FFT of a real frame of power-of-two length n, giving n/2 + 1 complex bins. Computed as an
/// n/2-point complex radix-2 FFT followed by the real-input split; tables are built once per size.
/// Instances are not thread-safe (they own scratch buffers); create one per worker.
/// </summary>
public sealed class RealFft
{
    private readonly int _n;
    private readonly int _half;
    private readonly int[] _bitReverse;
    private readonly float[] _cos;
    private readonly float[] _sin;
    private readonly float[] _splitCos;
    private readonly float[] _splitSin;
    private readonly float[] _re;
    private readonly float[] _im;
    private readonly float[] _imaginaryScratch;

    public RealFft(int size)
    {
        if (size < 4 || (size & (size - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "FFT size must be a power of two ≥ 4.");
        }

        _n = size;
        _half = size / 2;
        _re = new float[_half];
        _im = new float[_half];
        _imaginaryScratch = new float[_half + 1];
        _bitReverse = new int[_half];
        var bits = System.Numerics.BitOperations.Log2((uint)_half);
        for (var i = 0; i < _half; i++)
        {
            var r = 0;
            for (var b = 0; b < bits; b++)
            {
                r |= ((i >> b) & 1) << (bits - 1 - b);
            }

            _bitReverse[i] = r;
        }

        _cos = new float[_half / 2 + 1];
        _sin = new float[_half / 2 + 1];
        for (var k = 0; k < _cos.Length; k++)
        {
            var angle = -2.0 * Math.PI * k / _half;
            _cos[k] = (float)Math.Cos(angle);
            _sin[k] = (float)Math.Sin(angle);
        }

        _splitCos = new float[_half + 1];
        _splitSin = new float[_half + 1];
        for (var k = 0; k <= _half; k++)
        {
            var angle = -2.0 * Math.PI * k / _n;
            _splitCos[k] = (float)Math.Cos(angle);
            _splitSin[k] = (float)Math.Sin(angle);
        }
    }

    public int Size => _n;

    public int BinCount => _half + 1;

    /// <summary>Transforms <paramref name="input"/> (length n) into real and imaginary parts (length n/2 + 1 each).</summary>
    public void Forward(ReadOnlySpan<float> input, Span<float> real, Span<float> imaginary)
    {
        if (input.Length != _n || real.Length < _half + 1 || imaginary.Length < _half + 1)
        {
            throw new ArgumentException("Buffer sizes do not match the FFT size.");
        }

        // Pack even samples as real, odd as imaginary, in bit-reversed order.
        for (var i = 0; i < _half; i++)
        {
            var j = _bitReverse[i];
            _re[j] = input[2 * i];
            _im[j] = input[(2 * i) + 1];
        }

        Butterflies();

        // Split: X[k] = (Z[k] + conj(Z[N/2-k]))/2 + W^k (Z[k] - conj(Z[N/2-k]))/(2i).
        real[0] = _re[0] + _im[0];
        imaginary[0] = 0f;
        real[_half] = _re[0] - _im[0];
        imaginary[_half] = 0f;
        for (var k = 1; k < _half; k++)
        {
            var zr = _re[k];
            var zi = _im[k];
            var cr = _re[_half - k];
            var ci = -_im[_half - k];
            var er = 0.5f * (zr + cr);
            var ei = 0.5f * (zi + ci);
            var or = 0.5f * (zi - ci);
            var oi = -0.5f * (zr - cr);
            var wr = _splitCos[k];
            var wi = _splitSin[k];
            real[k] = er + ((wr * or) - (wi * oi));
            imaginary[k] = ei + ((wr * oi) + (wi * or));
        }
    }

    /// <summary>Magnitude spectrum |X[k]| for k = 0..n/2.</summary>
    public void Magnitude(ReadOnlySpan<float> input, Span<float> magnitude)
    {
        Forward(input, magnitude, _imaginaryScratch);
        for (var k = 0; k <= _half; k++)
        {
            var a = magnitude[k];
            var b = _imaginaryScratch[k];
            magnitude[k] = MathF.Sqrt((a * a) + (b * b));
        }
    }

    /// <summary>Power spectrum |X[k]|² for k = 0..n/2.</summary>
    public void Power(ReadOnlySpan<float> input, Span<float> power)
    {
        Forward(input, power, _imaginaryScratch);
        for (var k = 0; k <= _half; k++)
        {
            var a = power[k];
            var b = _imaginaryScratch[k];
            power[k] = (a * a) + (b * b);
        }
    }

    private void Butterflies()
    {
        for (var size = 2; size <= _half; size <<= 1)
        {
            var halfSize = size >> 1;
            var step = _half / size;
            for (var start = 0; start < _half; start += size)
            {
                for (var j = 0; j < halfSize; j++)
                {
                    // j·step < n/4, so the quarter-circle table covers every twiddle.
                    var wr = _cos[j * step];
                    var wi = _sin[j * step];
                    var a = start + j;
                    var b = a + halfSize;
                    var tr = (wr * _re[b]) - (wi * _im[b]);
                    var ti = (wr * _im[b]) + (wi * _re[b]);
                    _re[b] = _re[a] - tr;
                    _im[b] = _im[a] - ti;
                    _re[a] += tr;
                    _im[a] += ti;
                }
            }
        }
    }
}
