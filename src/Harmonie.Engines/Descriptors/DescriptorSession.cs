using Harmonie.Analysis;

namespace Harmonie.Engines.Descriptors;

/// <summary>
/// One track's descriptor analysis. Each block of samples goes once through the shared spectral front end
/// (onset rate, tempo envelope) and the time-domain meters (ReplayGain, danceability, key frames). Every
/// estimator is isolated: an exception in one leaves its field null and the others are still reported.
/// </summary>
internal sealed class DescriptorSession : IDescriptorSession
{
    // Peak level below which a track counts as digital silence (−100 dBFS): no tempo, key or loudness.
    private const float SilencePeak = 1e-5f;

    private readonly ReplayGainMeter _replayGain = new();
    private readonly DanceabilityEstimator _danceability = new();
    private readonly KeyEstimator _key = new();
    private readonly OnsetDetectionFunctions _onsetFunctions = new();
    private readonly SpectralFrontEnd _frontEnd;
    private readonly TempoEstimator _tempo = new();
    private bool _replayGainFailed;
    private bool _danceabilityFailed;
    private bool _keyFailed;
    private bool _frontEndFailed;
    private long _sampleCount;
    private float _peak;
    private bool _completed;

    public DescriptorSession() => _frontEnd = new SpectralFrontEnd(_onsetFunctions);

    public void Write(ReadOnlySpan<float> samples)
    {
        if (_completed)
        {
            throw new InvalidOperationException("The session is already complete.");
        }

        if (samples.IsEmpty)
        {
            return;
        }

        _sampleCount += samples.Length;
        foreach (var s in samples)
        {
            var a = Math.Abs(s);
            if (a > _peak)
            {
                _peak = a;
            }
        }

        // Each stage in its own try: one estimator's fault must not cost the others their values.
        if (!_replayGainFailed)
        {
            try
            {
                _replayGain.Write(samples);
            }
            catch (Exception)
            {
                _replayGainFailed = true;
            }
        }

        if (!_danceabilityFailed)
        {
            try
            {
                _danceability.Write(samples);
            }
            catch (Exception)
            {
                _danceabilityFailed = true;
            }
        }

        if (!_keyFailed)
        {
            try
            {
                _key.Write(samples);
            }
            catch (Exception)
            {
                _keyFailed = true;
            }
        }

        if (!_frontEndFailed)
        {
            try
            {
                _frontEnd.Write(samples);
            }
            catch (Exception)
            {
                _frontEndFailed = true;
            }
        }
    }

    public AudioDescriptors Complete()
    {
        _completed = true;
        if (_sampleCount == 0)
        {
            return AudioDescriptors.Empty;
        }

        var duration = _sampleCount / (double)Audio.AnalysisAudio.SampleRate;
        var silent = !(_peak >= SilencePeak);
        if (!_frontEndFailed)
        {
            try
            {
                _frontEnd.Flush();
            }
            catch (Exception)
            {
                _frontEndFailed = true;
            }
        }

        var onsetsFailed = _frontEndFailed || _frontEnd.HasFailed(_onsetFunctions);
        var tempo = silent || onsetsFailed ? null : Guard(() => _tempo.Estimate(_onsetFunctions));
        var key = silent || _keyFailed ? null : Guard(_key.Complete);
        var loudness = _replayGainFailed ? null : Guard(_replayGain.Complete);
        var danceability = _danceabilityFailed ? null : Guard(_danceability.Complete);
        var onsetRate = onsetsFailed ? null : Guard(() => OnsetRateEstimator.Complete(_onsetFunctions, duration));

        return new AudioDescriptors
        {
            Bpm = Finite(tempo?.Bpm),
            BpmConfidence = tempo is null ? null : Finite(tempo.Confidence),
            Key = key?.Key,
            Scale = key?.Scale,
            KeyStrength = key is null ? null : Finite(key.Strength),
            Loudness = Finite(loudness),
            Danceability = Finite(danceability),
            OnsetRate = Finite(onsetRate),
        };
    }

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    private static T? Guard<T>(Func<T?> compute)
        where T : class
    {
        try
        {
            return compute();
        }
        catch (Exception)
        {
            return null;
        }
    }

    private static double? Guard(Func<double?> compute)
    {
        try
        {
            return compute();
        }
        catch (Exception)
        {
            return null;
        }
    }
}
