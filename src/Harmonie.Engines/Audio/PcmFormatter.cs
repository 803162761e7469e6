using System.Buffers;
using System.Runtime.InteropServices;
using Harmonie.Engines.Dsp;

namespace Harmonie.Engines.Audio;

/// <summary>
/// Turns interleaved float frames at the source rate into mono blocks at the target rate:
/// channels are averaged (Essentia's MonoLoader mix, (L+R)·0.5 for stereo) and the rate is
/// converted with Essentia's linear resampler, so the analysers see the signal the original saw.
/// </summary>
internal sealed class PcmFormatter : IDisposable
{
    private const int BlockFrames = 16384;
    private readonly int _channels;
    private readonly IPcmSink _target;
    private readonly LinearResampler? _resampler;
    private readonly float[] _mono = ArrayPool<float>.Shared.Rent(BlockFrames);
    private readonly ResampledCounter _counter;

    public PcmFormatter(int sourceRate, int channels, int targetRate, IPcmSink sink)
    {
        _channels = channels;
        _counter = new ResampledCounter(sink);
        _target = _counter;
        if (sourceRate != targetRate)
        {
            _resampler = new LinearResampler(sourceRate, targetRate, _counter);
            _target = _resampler;
        }
    }

    public long SamplesWritten => _counter.Count;

    /// <summary>Accepts whole interleaved frames.</summary>
    public void Write(ReadOnlySpan<float> interleaved)
    {
        var frames = interleaved.Length / _channels;
        for (var start = 0; start < frames; start += BlockFrames)
        {
            var count = Math.Min(BlockFrames, frames - start);
            var mono = _mono.AsSpan(0, count);
            var source = interleaved.Slice(start * _channels, count * _channels);
            Downmix(source, mono);
            _target.Write(mono);
        }
    }

    public void Complete() => _resampler?.Flush();

    public void Dispose() => ArrayPool<float>.Shared.Return(_mono);

    private void Downmix(ReadOnlySpan<float> source, Span<float> mono)
    {
        switch (_channels)
        {
            case 1:
                source.CopyTo(mono);
                break;
            case 2:
                for (var i = 0; i < mono.Length; i++)
                {
                    mono[i] = (source[2 * i] + source[(2 * i) + 1]) * 0.5f;
                }

                break;
            default:
                var scale = 1f / _channels;
                for (var i = 0; i < mono.Length; i++)
                {
                    var sum = 0f;
                    var frame = source.Slice(i * _channels, _channels);
                    foreach (var s in frame)
                    {
                        sum += s;
                    }

                    mono[i] = sum * scale;
                }

                break;
        }
    }

    private sealed class ResampledCounter(IPcmSink inner) : IPcmSink
    {
        public long Count { get; private set; }

        public void Write(ReadOnlySpan<float> samples)
        {
            Count += samples.Length;
            inner.Write(samples);
        }
    }

    internal static ReadOnlySpan<float> AsFloats(ReadOnlySpan<byte> bytes) => MemoryMarshal.Cast<byte, float>(bytes);
}
