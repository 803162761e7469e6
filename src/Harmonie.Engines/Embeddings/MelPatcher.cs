namespace Harmonie.Engines.Embeddings;

/// <summary>
/// Cuts the mel frame stream into patches of 128 frames every 62 frames, as
/// <c>TensorflowPredictEffnetDiscogs</c> does, and hands them on in batches. Only the last 128 frames and one
/// batch are held, whatever the length of the track. A trailing partial patch is discarded
/// (<c>lastPatchMode=discard</c>); a track too short for one full patch gets one patch padded with
/// zero-valued frames (log-mel 0 is silence) instead of no embedding.
/// </summary>
internal sealed class MelPatcher : IMelFrameSink
{
    public const int PatchFrames = 128;
    public const int PatchHop = 62;
    private const int Bands = MusicnnMelFrontEnd.BandCount;
    private const int PatchSize = PatchFrames * Bands;

    private readonly IMelPatchSink _sink;
    private readonly int _batchSize;
    private readonly float[] _ring = new float[PatchSize];
    private readonly float[] _batch;
    private int _batched;
    private long _frames;

    public MelPatcher(int batchSize, IMelPatchSink sink)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        _batchSize = batchSize;
        _batch = new float[batchSize * PatchSize];
        _sink = sink;
    }

    public long PatchCount { get; private set; }

    /// <summary>Full patches a track of <paramref name="frameCount"/> frames yields (before the short-track padding).</summary>
    public static long PatchesFor(long frameCount) => frameCount < PatchFrames ? 0 : ((frameCount - PatchFrames) / PatchHop) + 1;

    public void OnFrame(ReadOnlySpan<float> logMel)
    {
        logMel[..Bands].CopyTo(_ring.AsSpan((int)(_frames % PatchFrames) * Bands));
        _frames++;
        if (_frames >= PatchFrames && (_frames - PatchFrames) % PatchHop == 0)
        {
            AddPatch(_frames - PatchFrames, PatchFrames);
        }
    }

    /// <summary>Pads a too-short track to one patch, then flushes the last (partial) batch.</summary>
    public void Complete()
    {
        if (PatchCount == 0 && _frames > 0)
        {
            AddPatch(0, (int)_frames);
        }

        if (_batched > 0)
        {
            _sink.OnBatch(_batch.AsSpan(0, _batched * PatchSize), _batched);
            _batched = 0;
        }
    }

    private void AddPatch(long firstFrame, int available)
    {
        var slot = _batch.AsSpan(_batched * PatchSize, PatchSize);
        for (var i = 0; i < available; i++)
        {
            _ring.AsSpan((int)((firstFrame + i) % PatchFrames) * Bands, Bands).CopyTo(slot.Slice(i * Bands, Bands));
        }

        slot[(available * Bands)..].Clear();
        _batched++;
        PatchCount++;
        if (_batched == _batchSize)
        {
            _sink.OnBatch(_batch, _batched);
            _batched = 0;
        }
    }
}
