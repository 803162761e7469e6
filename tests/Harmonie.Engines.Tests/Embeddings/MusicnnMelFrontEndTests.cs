using Harmonie.Engines.Dsp;
using Harmonie.Engines.Embeddings;
using Harmonie.TestSupport;

namespace Harmonie.Engines.Tests.Embeddings;

public sealed class MusicnnMelFrontEndTests
{
    [Fact]
    public void Mel_matrix_matches_essentias_melbands_weights()
    {
        var expected = EssentiaMelReference.ReadCsvRows(EssentiaMelReference.File("melbands_weights_96x257.csv"));
        var dense = new SlaneyMelFilterbank(96, 257, 16000, 0, 8000).ToDense();

        var max = 0.0;
        for (var band = 0; band < 96; band++)
        {
            for (var bin = 0; bin < 257; bin++)
            {
                max = Math.Max(max, Math.Abs(expected[band][bin] - dense[band, bin]));
            }
        }

        Assert.True(max < 1e-6, $"max difference {max}");
    }

    [Theory]
    [InlineData("synthetic", 126)]
    [InlineData("one_second", 64)]
    [InlineData("dev001", 1252)]
    public async Task Frames_match_essentias_tensorflow_input_musicnn(string signal, int frameCount)
    {
        var (frames, firstDiff, meanDiff) = await EssentiaMelReference.CompareAsync(signal);

        Assert.Equal(frameCount, frames);
        Assert.True(firstDiff < 1e-4, $"first 10 frames: max difference {firstDiff}");
        Assert.True(meanDiff < 1e-4, $"band means: max difference {meanDiff}");
    }

    [Fact]
    public void Frame_five_mel_bands_match_from_the_reference_input()
    {
        // Feeds frame 5's own 512 input samples, so only windowing, FFT and mel weighting are compared.
        var input = TestData.ReadFloatColumn(EssentiaMelReference.File("dev001_frame5_input512.csv"));
        var expectedLinear = TestData.ReadFloatColumn(EssentiaMelReference.File("dev001_frame5_melbands96_linear.csv"));
        var collector = new MelFrameCollector(keepFirst: 2);
        var frontEnd = new MusicnnMelFrontEnd(collector);

        // Frame 1 covers samples [0, 512): exactly the reference frame.
        frontEnd.Write(input);

        var actual = collector.FirstFrames[1];
        var max = expectedLinear.Select((m, b) => Math.Abs(MathF.Log10(1f + (10000f * m)) - actual[b])).Max();
        Assert.True(max < 1e-4, $"max difference {max}");
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 2)]
    [InlineData(256, 2)]
    [InlineData(257, 3)]
    [InlineData(512, 3)]
    public void Frame_count_is_ceiling_of_samples_over_hop_plus_one(int samples, int frames)
    {
        var collector = new MelFrameCollector();
        var frontEnd = new MusicnnMelFrontEnd(collector);
        frontEnd.Write(new float[samples]);
        frontEnd.Complete();
        Assert.Equal(frames, collector.Count);
        Assert.Equal(frames, MusicnnMelFrontEnd.FramesFor(samples));
    }
}
