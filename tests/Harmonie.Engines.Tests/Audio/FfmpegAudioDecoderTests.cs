using Harmonie.Engines.Audio;
using Harmonie.TestSupport;

namespace Harmonie.Engines.Tests.Audio;

public sealed class FfmpegAudioDecoderTests
{
    private readonly FfmpegAudioDecoder _decoder = new(FfmpegAudioDecoder.Locate() ?? "ffmpeg");

    [Fact]
    public async Task Decodes_mp3_bit_exactly_like_essentia_monoloader()
    {
        var expected = TestData.ReadFloatColumn(Path.Combine(TestData.MelReferenceDirectory, "dev001_signal44k_first11290.csv"));
        var sink = new CollectingSink();

        var info = await _decoder.DecodeAsync(TestData.Audio("dev001.mp3"), 44100, sink, CancellationToken.None);

        Assert.Equal(882000, info.SampleCount);
        Assert.Equal(2, info.SourceChannels);
        Assert.Equal(20.0, info.DurationSeconds, 3);
        Assert.Equal(expected, sink.Samples.Take(expected.Length));
    }

    [Fact]
    public async Task Resamples_other_rates_to_the_requested_rate()
    {
        var sink = new CollectingSink();

        var info = await _decoder.DecodeAsync(TestData.Audio("tricky/format_11k_mono.wav"), 44100, sink, CancellationToken.None);

        Assert.Equal(11025, info.SourceSampleRate);
        Assert.Equal(20.0, info.DurationSeconds, 2);
        Assert.Equal(info.SampleCount, sink.Samples.Length);
    }

    [Theory]
    [InlineData("tricky/garbage.mp3")]
    [InlineData("tricky/empty.wav")]
    public async Task Corrupt_files_fail_with_a_decode_error(string file)
    {
        var error = await Assert.ThrowsAsync<AudioDecodeException>(
            () => _decoder.DecodeAsync(TestData.Audio(file), 44100, new CollectingSink(), CancellationToken.None));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.DoesNotContain("Last message repeated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_reason_is_the_last_whole_diagnostic_line_of_a_long_error_stream()
    {
        var stderr = "\u0000trimmedting stream #0:0: Invalid da\n"
            + string.Concat(Enumerable.Repeat("[mp3float @ 0x55] Header missing\n", 200))
            + "Error while decoding stream #0:0: Invalid data found when processing input\n"
            + "    Last message repeated 1 times\n";

        Assert.Equal(
            "Error while decoding stream #0:0: Invalid data found when processing input",
            FfmpegAudioDecoder.Summarise(stderr, 1));
        Assert.Equal("exit code 69", FfmpegAudioDecoder.Summarise("\u0000trimmed partial line\n", 69));
    }

    [Fact]
    public async Task Cancellation_stops_the_decode()
    {
        using var cts = new CancellationTokenSource();
        var sink = new CancelAfterFirstBlock(cts);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _decoder.DecodeAsync(TestData.Audio("dev002.ogg"), 44100, sink, cts.Token));
    }

    private sealed class CancelAfterFirstBlock(CancellationTokenSource cts) : IPcmSink
    {
        public void Write(ReadOnlySpan<float> samples) => cts.Cancel();
    }
}
