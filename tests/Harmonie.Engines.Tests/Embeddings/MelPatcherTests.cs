using Harmonie.Engines.Embeddings;

namespace Harmonie.Engines.Tests.Embeddings;

public sealed class MelPatcherTests
{
    [Theory]
    [InlineData(127, 0)]
    [InlineData(128, 1)]
    [InlineData(189, 1)]
    [InlineData(190, 2)]
    [InlineData(1252, 19)]
    public void Full_patches_are_128_frames_every_62_and_the_partial_tail_is_discarded(int frames, int patches)
    {
        var sink = new RecordingPatchSink();
        var patcher = new MelPatcher(4, sink);
        Feed(patcher, frames);
        patcher.Complete();

        Assert.Equal(patches, MelPatcher.PatchesFor(frames));
        Assert.Equal(Math.Max(patches, 1), sink.Patches.Count);
        for (var p = 0; p < patches; p++)
        {
            // Frame f carries the value f in every band, so a patch's first row names its first frame.
            Assert.Equal(p * 62, sink.Patches[p][0]);
            Assert.Equal((p * 62) + 127, sink.Patches[p][127 * 96]);
        }

        Assert.All(sink.BatchSizes, size => Assert.InRange(size, 1, 4));
    }

    [Fact]
    public void A_track_shorter_than_one_patch_gets_one_patch_padded_with_silence()
    {
        var sink = new RecordingPatchSink();
        var patcher = new MelPatcher(64, sink);
        Feed(patcher, 50);
        patcher.Complete();

        var patch = Assert.Single(sink.Patches);
        Assert.Equal(49, patch[49 * 96]);
        Assert.All(patch.Skip(50 * 96), v => Assert.Equal(0f, v));
    }

    private static void Feed(MelPatcher patcher, int frames)
    {
        var frame = new float[96];
        for (var f = 0; f < frames; f++)
        {
            Array.Fill(frame, f);
            patcher.OnFrame(frame);
        }
    }

    private sealed class RecordingPatchSink : IMelPatchSink
    {
        public List<float[]> Patches { get; } = [];

        public List<int> BatchSizes { get; } = [];

        public void OnBatch(ReadOnlySpan<float> patches, int patchCount)
        {
            BatchSizes.Add(patchCount);
            for (var p = 0; p < patchCount; p++)
            {
                Patches.Add(patches.Slice(p * 128 * 96, 128 * 96).ToArray());
            }
        }
    }
}
