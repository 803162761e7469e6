using Harmonie.Analysis;

namespace Harmonie.Engines.Tests.Descriptors;

public sealed class GeneratedSignalDescriptorTests
{
    [Theory]
    [InlineData(90, 90)]
    [InlineData(120, 120)]
    [InlineData(128, 128)]
    [InlineData(150, 75)] // 140 and above are reported in the 70–140 octave (half tempo)
    [InlineData(174, 87)]
    public void Drum_track_tempo_is_found(double bpm, double expected)
    {
        var result = TestSignals.Analyse(TestSignals.DrumTrack(bpm, 20));

        Assert.NotNull(result.Bpm);
        Assert.InRange(result.Bpm!.Value, expected * 0.99, expected * 1.01);
        Assert.InRange(result.BpmConfidence!.Value, 1.5, 5.32);
    }

    [Theory]
    [InlineData("C", "major", new[] { 3, 7, 10 }, new[] { 8, 12, 15 }, new[] { 10, 14, 17 })] // C F G
    [InlineData("A", "minor", new[] { 0, 3, 7 }, new[] { 5, 8, 12 }, new[] { 7, 11, 14 })] // Am Dm E
    [InlineData("Eb", "major", new[] { 6, 10, 13 }, new[] { 11, 15, 18 }, new[] { 13, 17, 20 })] // Eb Ab Bb
    [InlineData("F#", "minor", new[] { 9, 12, 16 }, new[] { 14, 17, 21 }, new[] { 16, 20, 23 })] // F#m Bm C#
    public void Chord_progression_key_is_found(string key, string scale, int[] tonic, int[] subdominant, int[] dominant)
    {
        var signal = TestSignals.ChordProgression([tonic, subdominant, dominant, tonic]);

        var result = TestSignals.Analyse(signal);

        Assert.Equal(key, result.Key);
        Assert.Equal(scale, result.Scale);
        Assert.InRange(result.KeyStrength!.Value, 0.5, 1.0);
    }

    [Fact]
    public void Loudness_follows_the_level_of_a_tone_decibel_for_decibel()
    {
        var quiet = TestSignals.Analyse(TestSignals.Sine(1000, 0.05, 5));
        var loud = TestSignals.Analyse(TestSignals.Sine(1000, 0.5, 5));

        Assert.NotNull(quiet.Loudness);
        Assert.NotNull(loud.Loudness);
        Assert.InRange(quiet.Loudness!.Value - loud.Loudness!.Value, 19.9, 20.1);
        // A half-scale 1 kHz tone is much louder than ReplayGain's 89 dB reference: the gain is negative.
        Assert.InRange(loud.Loudness.Value, -30, -5);
    }

    [Fact]
    public void Digital_silence_has_no_tempo_key_or_loudness_and_no_nan()
    {
        var result = TestSignals.Analyse(new float[10 * TestSignals.Rate]);

        Assert.Null(result.Bpm);
        Assert.Null(result.BpmConfidence);
        Assert.Null(result.Key);
        Assert.Null(result.Scale);
        Assert.Null(result.Loudness);
        Assert.Equal(0, result.OnsetRate);
        AssertFinite(result);
    }

    [Fact]
    public void One_second_gives_no_tempo_but_sane_other_values()
    {
        var result = TestSignals.Analyse(TestSignals.DrumTrack(120, 1));

        Assert.Null(result.Bpm);
        Assert.NotNull(result.Loudness);
        AssertFinite(result);
    }

    [Fact]
    public void White_noise_has_no_tempo()
    {
        var result = TestSignals.Analyse(TestSignals.WhiteNoise(20, 0.3));

        Assert.Null(result.Bpm);
        AssertFinite(result);
    }

    [Fact]
    public void Very_quiet_and_clipped_audio_keep_their_tempo()
    {
        var quiet = TestSignals.DrumTrack(120, 20, gain: 0.001);
        var clipped = TestSignals.DrumTrack(120, 20, gain: 20).Select(s => Math.Clamp(s, -1f, 1f)).ToArray();

        var quietResult = TestSignals.Analyse(quiet);
        var clippedResult = TestSignals.Analyse(clipped);

        Assert.InRange(quietResult.Bpm!.Value, 118.8, 121.2);
        Assert.InRange(clippedResult.Bpm!.Value, 118.8, 121.2);
        Assert.True(quietResult.Loudness > clippedResult.Loudness + 40);
        AssertFinite(quietResult);
        AssertFinite(clippedResult);
    }

    [Fact]
    public void Block_size_does_not_change_the_result()
    {
        var signal = TestSignals.DrumTrack(100, 12);

        var big = TestSignals.Analyse(signal, 16384);
        var odd = TestSignals.Analyse(signal, 1001);

        Assert.Equal(big, odd);
    }

    [Fact]
    public void Empty_session_returns_empty_descriptors()
    {
        var session = new Harmonie.Engines.Descriptors.DescriptorExtractor().Begin();

        Assert.Equal(AudioDescriptors.Empty, session.Complete());
    }

    private static void AssertFinite(AudioDescriptors d)
    {
        foreach (var value in new[] { d.Bpm, d.BpmConfidence, d.KeyStrength, d.Loudness, d.Danceability, d.OnsetRate })
        {
            Assert.True(value is null || double.IsFinite(value.Value), $"non-finite value in {d}");
        }
    }
}
