using Harmonie.Analysis;
using Harmonie.Engines.Audio;
using Harmonie.Engines.Dsp;

namespace Harmonie.Engines.Embeddings;

/// <summary>
/// One track through Discogs-EffNet: 44.1 kHz → 16 kHz → log-mel frames → patches → batched inference,
/// keeping only running sums of the per-patch embeddings and style probabilities.
/// </summary>
internal sealed class EffnetDiscogsSession : IEmbeddingSession, IMelPatchSink
{
    private readonly EffnetDiscogsExtractor _extractor;
    private readonly LinearResampler _resampler;
    private readonly MusicnnMelFrontEnd _frontEnd;
    private readonly MelPatcher _patcher;
    private readonly float[] _embeddings;
    private readonly float[]? _styles;
    private readonly double[] _embeddingSum = new double[EffnetDiscogsExtractor.EmbeddingDimension];
    private readonly double[]? _styleSum;
    private long _patches;
    private bool _completed;

    public EffnetDiscogsSession(EffnetDiscogsExtractor extractor)
    {
        _extractor = extractor;
        _patcher = new MelPatcher(extractor.BatchSize, this);
        _frontEnd = new MusicnnMelFrontEnd(_patcher);
        _resampler = new LinearResampler(AnalysisAudio.SampleRate, MusicnnMelFrontEnd.SampleRate, _frontEnd);
        _embeddings = new float[extractor.BatchSize * EffnetDiscogsExtractor.EmbeddingDimension];
        if (extractor.ProducesStyles)
        {
            _styles = new float[extractor.BatchSize * Discogs400Labels.Count];
            _styleSum = new double[Discogs400Labels.Count];
        }
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

        _patcher.Complete();
        return new TrackEmbedding(_extractor.ModelName, Mean(_embeddingSum, _patches), _styleSum is null ? null : Mean(_styleSum, _patches));
    }

    public void OnBatch(ReadOnlySpan<float> patches, int patchCount)
    {
        _extractor.Infer(patches, patchCount, _embeddings, _styles);
        Accumulate(_embeddings, patchCount, _embeddingSum);
        if (_styles is not null)
        {
            Accumulate(_styles, patchCount, _styleSum!);
        }

        _patches += patchCount;
    }

    public void Dispose()
    {
    }

    private static void Accumulate(float[] rows, int count, double[] sum)
    {
        var width = sum.Length;
        for (var r = 0; r < count; r++)
        {
            var row = rows.AsSpan(r * width, width);
            for (var i = 0; i < width; i++)
            {
                sum[i] += row[i];
            }
        }
    }

    private static float[] Mean(double[] sum, long count) => sum.Select(s => (float)(s / count)).ToArray();
}
