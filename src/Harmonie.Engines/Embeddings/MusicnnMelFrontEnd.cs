using Harmonie.Engines.Audio;
using Harmonie.Engines.Dsp;

namespace Harmonie.Engines.Embeddings;

/// <summary>
/// Streaming reproduction of Essentia's <c>FrameCutter(512, 256)</c> → <c>TensorflowInputMusiCNN</c> on a
/// 16 kHz signal: frame k covers samples [256k − 256, 256k + 256) with zeros outside the signal, so there
/// are ceil(N/256) + 1 frames; each is Hann-windowed, its power spectrum is weighted by 96 Slaney mel
/// triangles (0–8 kHz) and compressed as log10(1 + 10000·x). Frames are handed to the sink as they
/// complete; nothing but the current 512-sample window is kept.
/// </summary>
public sealed class MusicnnMelFrontEnd : IPcmSink
{
    public const int SampleRate = 16000;
    public const int FrameSize = 512;
    public const int HopSize = 256;
    public const int BandCount = 96;

    private static readonly float[] Window = WindowFunctions.SymmetricHann(FrameSize);
    private static readonly SlaneyMelFilterbank Filterbank = new(BandCount, (FrameSize / 2) + 1, SampleRate, 0, SampleRate / 2.0);

    private readonly IMelFrameSink _sink;
    private readonly RealFft _fft = new(FrameSize);
    private readonly float[] _buffer = new float[FrameSize];
    private readonly float[] _windowed = new float[FrameSize];
    private readonly float[] _power = new float[(FrameSize / 2) + 1];
    private readonly float[] _energies = new float[BandCount];
    private readonly float[] _bands = new float[BandCount];
    private int _buffered = HopSize; // the first frame starts half a frame before sample 0
    private bool _completed;

    public MusicnnMelFrontEnd(IMelFrameSink sink) => _sink = sink;

    /// <summary>16 kHz samples received so far.</summary>
    public long SampleCount { get; private set; }

    public long FrameCount { get; private set; }

    /// <summary>The current frame's mel energies before log compression; valid only inside <see cref="IMelFrameSink.OnFrame"/>.</summary>
    public ReadOnlySpan<float> MelEnergies => _energies;

    /// <summary>The current frame's power spectrum (257 bins); valid only inside <see cref="IMelFrameSink.OnFrame"/>.</summary>
    public ReadOnlySpan<float> PowerSpectrum => _power;

    /// <summary>Frames a signal of <paramref name="sampleCount"/> samples yields: ceil(N/256) + 1 (none for an empty signal).</summary>
    public static long FramesFor(long sampleCount) => sampleCount == 0 ? 0 : ((sampleCount + HopSize - 1) / HopSize) + 1;

    public void Write(ReadOnlySpan<float> samples)
    {
        if (_completed)
        {
            throw new InvalidOperationException("The front end has already been completed.");
        }

        SampleCount += samples.Length;
        while (!samples.IsEmpty)
        {
            var take = Math.Min(FrameSize - _buffered, samples.Length);
            samples[..take].CopyTo(_buffer.AsSpan(_buffered));
            _buffered += take;
            samples = samples[take..];
            if (_buffered == FrameSize)
            {
                EmitFrame();
            }
        }
    }

    /// <summary>Emits the trailing frames that reach past the end of the signal (zero-padded).</summary>
    public void Complete()
    {
        if (_completed)
        {
            return;
        }

        _completed = true;
        var total = FramesFor(SampleCount);
        while (FrameCount < total)
        {
            _buffer.AsSpan(_buffered).Clear();
            _buffered = FrameSize;
            EmitFrame();
        }
    }

    private void EmitFrame()
    {
        for (var i = 0; i < FrameSize; i++)
        {
            _windowed[i] = _buffer[i] * Window[i];
        }

        _fft.Power(_windowed, _power);
        Filterbank.Apply(_power, _energies);
        for (var b = 0; b < BandCount; b++)
        {
            _bands[b] = MathF.Log10(1f + (10000f * _energies[b]));
        }

        FrameCount++;
        _buffer.AsSpan(HopSize).CopyTo(_buffer);
        _buffered = HopSize;
        _sink.OnFrame(_bands);
    }
}
