using Harmonie.Engines.Dsp;

namespace Harmonie.Engines.Descriptors;

/// <summary>
/// The shared streaming STFT: cuts 1024-sample frames every 512 samples, windows and transforms each once,
/// and hands the same <see cref="SpectralFrame"/> to every consumer (onset rate, tempo). A consumer that
/// throws is dropped and reported through <see cref="HasFailed"/>, so the others carry on.
/// </summary>
internal sealed class SpectralFrontEnd
{
    private readonly SlidingFramer _framer = new(SpectralFrame.Size, SpectralFrame.Hop);
    private readonly float[] _window = WindowFunctions.Hann(SpectralFrame.Size);
    private readonly float[] _windowed = new float[SpectralFrame.Size];
    private readonly RealFft _fft = new(SpectralFrame.Size);
    private readonly SpectralFrame _frame = new();
    private readonly List<ISpectralFrameConsumer> _consumers;
    private readonly HashSet<ISpectralFrameConsumer> _failed = [];
    private readonly Action<float[]> _onFrame;
    private long _frameCount;

    public SpectralFrontEnd(params ISpectralFrameConsumer[] consumers)
    {
        _consumers = [.. consumers];
        _onFrame = Analyse;
    }

    public long FrameCount => _frameCount;

    public bool HasFailed(ISpectralFrameConsumer consumer) => _failed.Contains(consumer);

    public void Write(ReadOnlySpan<float> samples) => _framer.Write(samples, _onFrame);

    /// <summary>Analyses the zero-padded tail if it holds at least half a hop of unseen samples.</summary>
    public void Flush() => _framer.Flush(_onFrame, SpectralFrame.Hop / 2);

    private void Analyse(float[] samples)
    {
        if (_consumers.Count == 0)
        {
            return;
        }

        var windowed = _windowed;
        var window = _window;
        for (var i = 0; i < windowed.Length; i++)
        {
            windowed[i] = samples[i] * window[i];
        }

        var frame = _frame;
        _fft.Forward(windowed, frame.Real, frame.Imaginary);
        var re = frame.Real;
        var im = frame.Imaginary;
        var power = frame.Power;
        var magnitude = frame.Magnitude;
        for (var k = 0; k < SpectralFrame.Bins; k++)
        {
            var p = (re[k] * re[k]) + (im[k] * im[k]);
            power[k] = p;
            magnitude[k] = MathF.Sqrt(p);
        }

        frame.Index = _frameCount++;
        for (var c = _consumers.Count - 1; c >= 0; c--)
        {
            var consumer = _consumers[c];
            try
            {
                consumer.Consume(frame);
            }
            catch (Exception)
            {
                // One estimator's fault must not cost the others their values.
                _consumers.RemoveAt(c);
                _failed.Add(consumer);
            }
        }
    }
}
