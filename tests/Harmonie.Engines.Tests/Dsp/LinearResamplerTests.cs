using Harmonie.Engines.Dsp;
using Harmonie.TestSupport;

namespace Harmonie.Engines.Tests.Dsp;

public sealed class LinearResamplerTests
{
    [Theory]
    [InlineData("dev001")]
    [InlineData("one_second")]
    public void Matches_essentia_resample_quality_4(string signal)
    {
        var input = TestData.ReadFloatColumn(Path.Combine(TestData.MelReferenceDirectory, $"{signal}_signal44k_first11290.csv"));
        var expected = TestData.ReadFloatColumn(Path.Combine(TestData.MelReferenceDirectory, $"{signal}_resample_q4_of_first11290.csv"));
        var sink = new CollectingSink();
        var resampler = new LinearResampler(44100, 16000, sink);

        // Odd block sizes exercise the carry-over between blocks.
        for (var start = 0; start < input.Length; start += 997)
        {
            resampler.Write(input.AsSpan(start, Math.Min(997, input.Length - start)));
        }

        resampler.Flush();
        var actual = sink.Samples;

        Assert.Equal(expected.Length, actual.Length);
        var maxDiff = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(maxDiff < 1e-6, $"max difference {maxDiff}");
    }

    [Theory]
    [InlineData(44100, 16000, 44100, 16001)]
    [InlineData(22050, 44100, 1000, 2000)]
    [InlineData(48000, 44100, 48000, 44100)]
    public void Output_length_is_ceiling_of_length_times_float_ratio(int from, int to, int inputLength, int expected)
    {
        var sink = new CollectingSink();
        var resampler = new LinearResampler(from, to, sink);
        resampler.Write(new float[inputLength]);
        resampler.Flush();
        Assert.Equal(expected, sink.Samples.Length);
    }
}
