using Harmonie.Analysis;
using Harmonie.Engines.Audio;
using Harmonie.Engines.Dsp;

namespace Harmonie.Engines.Embeddings;

/// <summary>One track through the built-in embedding; holds only running statistics and short windows.</summary>
internal sealed class BuiltinEmbeddingSession : IEmbeddingSession, IMelFrameSink
{
    // Floor for ln(mel energy): far below music, so a quieter copy only shifts the level, not the shape.
    private const float EnergyFloor = 1e-12f;

    private readonly LinearResampler _resampler;
    private readonly MusicnnMelFrontEnd _frontEnd;
    private readonly TimbreStatistics _timbre = new();
    private readonly OctaveBandStatistics _octaves = new();
    private readonly NoteEnvelopeStatistics _envelopes = new();
    private readonly AttackSpectrumStatistics _attacks = new();
    private readonly RhythmStatistics _rhythm = new();
    private readonly HarmonyStatistics _harmony = new();
    private readonly float[] _logEnergies = new float[MusicnnMelFrontEnd.BandCount];
    private bool _completed;

    public BuiltinEmbeddingSession()
    {
        _frontEnd = new MusicnnMelFrontEnd(this);
        _resampler = new LinearResampler(AnalysisAudio.SampleRate, MusicnnMelFrontEnd.SampleRate, new PcmFanOut(_frontEnd, _harmony));
    }

    public void Write(ReadOnlySpan<float> samples) => _resampler.Write(samples);

    public TrackEmbedding Complete()
    {
        if (_completed)
        {
            throw new InvalidOperationException("The session has already been completed.");
        }

        _completed = true;
        _resampler.Flush();
        _frontEnd.Complete();
        if (_frontEnd.SampleCount == 0)
        {
            throw new InvalidDataException("empty audio: no samples to embed");
        }

        var raw = RawFeatures();
        return new TrackEmbedding(BuiltinEmbeddingExtractor.Model, BuiltinFeatureStandardisation.Apply(raw, Seconds));
    }

    public void OnFrame(ReadOnlySpan<float> logMel)
    {
        var energies = _frontEnd.MelEnergies;
        for (var b = 0; b < _logEnergies.Length; b++)
        {
            _logEnergies[b] = MathF.Log(energies[b] + EnergyFloor);
        }

        _timbre.Add(_logEnergies, energies);
        _octaves.Add(_frontEnd.PowerSpectrum);
        _envelopes.Add(energies);
        _attacks.Add(_logEnergies);
        _rhythm.Add(_logEnergies);
    }

    public void Dispose()
    {
    }

    /// <summary>Length of the audio received, in seconds.</summary>
    internal double Seconds => _frontEnd.SampleCount / (double)MusicnnMelFrontEnd.SampleRate;

    /// <summary>The unstandardised features, in <see cref="BuiltinEmbeddingExtractor.FeatureNames"/> order.</summary>
    internal float[] RawFeatures()
    {
        var raw = new float[BuiltinEmbeddingExtractor.EmbeddingDimension];
        var features = raw.AsSpan();
        _timbre.WriteFeatures(features[..TimbreStatistics.FeatureCount]);
        features = features[TimbreStatistics.FeatureCount..];
        _octaves.WriteFeatures(features[..OctaveBandStatistics.FeatureCount]);
        features = features[OctaveBandStatistics.FeatureCount..];
        _envelopes.WriteFeatures(features[..NoteEnvelopeStatistics.FeatureCount]);
        features = features[NoteEnvelopeStatistics.FeatureCount..];
        _attacks.WriteFeatures(features[..AttackSpectrumStatistics.FeatureCount]);
        features = features[AttackSpectrumStatistics.FeatureCount..];
        _rhythm.WriteFeatures(features[..RhythmStatistics.FeatureCount]);
        _harmony.WriteFeatures(features[RhythmStatistics.FeatureCount..]);
        return raw;
    }

    /// <summary>Completes the signal chain and returns the raw features (for fitting the standardisation constants).</summary>
    internal float[] CompleteRaw()
    {
        _completed = true;
        _resampler.Flush();
        _frontEnd.Complete();
        return RawFeatures();
    }
}
