using Harmonie.Engines.Dsp;

namespace Harmonie.Engines.Tests.Descriptors;

public sealed class SlidingFramerTests
{
    [Fact]
    public void Frames_overlap_by_size_minus_hop_whatever_the_write_sizes()
    {
        var framer = new SlidingFramer(8, 4);
        var starts = new List<float>();
        var samples = Enumerable.Range(0, 30).Select(i => (float)i).ToArray();

        framer.Write(samples.AsSpan(0, 3), f => starts.Add(f[0]));
        framer.Write(samples.AsSpan(3, 20), f => starts.Add(f[0]));
        framer.Write(samples.AsSpan(23), f => starts.Add(f[0]));
        framer.Flush(f => starts.Add(f[0]));

        Assert.Equal([0f, 4f, 8f, 12f, 16f, 20f, 24f], starts);
    }

    [Fact]
    public void Input_shorter_than_one_frame_is_flushed_zero_padded()
    {
        var framer = new SlidingFramer(8, 4);
        float[]? frame = null;

        framer.Write([1f, 2f, 3f], _ => Assert.Fail("no full frame yet"));
        framer.Flush(f => frame = f.ToArray());

        Assert.NotNull(frame);
        Assert.Equal([1f, 2f, 3f, 0f, 0f, 0f, 0f, 0f], frame);
    }
}
