namespace Harmonie.Engines.Tests.Descriptors;

/// <summary>Pins the descriptor block on the shared developer clips: the issue's targets and a few clips.</summary>
public sealed class DevClipDescriptorTests(DevClipFixture clips) : IClassFixture<DevClipFixture>
{
    [Fact]
    public void Tempo_accuracy_meets_the_targets()
    {
        Assert.Equal(39, clips.Scorecard.BpmCount);
        Assert.True(clips.Scorecard.BpmAcc1OrAlternative >= 0.92, $"Acc1 or alternative {clips.Scorecard.BpmAcc1OrAlternative:F3}");
        Assert.True(clips.Scorecard.BpmAcc2 >= 0.97, $"Acc2 {clips.Scorecard.BpmAcc2:F3}");
        Assert.True(clips.Scorecard.ConfidenceVsCorrect > 0.2, $"confidence correlation {clips.Scorecard.ConfidenceVsCorrect:F3}");
    }

    [Fact]
    public void Key_accuracy_meets_the_target()
    {
        Assert.Equal(39, clips.Scorecard.KeyCount);
        Assert.True(clips.Scorecard.KeyMirex >= 0.90, $"MIREX {clips.Scorecard.KeyMirex:F3}");
        Assert.True(clips.Scorecard.StrengthVsScore > 0, $"strength correlation {clips.Scorecard.StrengthVsScore:F3}");
    }

    [Fact]
    public void Loudness_danceability_and_onset_rate_agree_with_essentia()
    {
        Assert.True(clips.Scorecard.LoudnessWithin1Db >= 0.95, $"loudness within 1 dB {clips.Scorecard.LoudnessWithin1Db:F3}");
        Assert.True(clips.Scorecard.DanceabilitySpearman >= 0.8, $"danceability Spearman {clips.Scorecard.DanceabilitySpearman:F3}");
        Assert.True(clips.Scorecard.OnsetRateSpearman >= 0.8, $"onset rate Spearman {clips.Scorecard.OnsetRateSpearman:F3}");
    }

    [Theory]
    [InlineData("dev001.mp3", 121, "F", "minor")]
    [InlineData("dev019.wav", 137, "C#", "major")]
    [InlineData("dev021.mp3", 101, "C#", "minor")]
    [InlineData("tricky/octave_75bpm.mp3", 75, "G", "major")]
    [InlineData("tricky/no_tags.mp3", 77, "B", "minor")]
    [InlineData("tricky/loudness_very_quiet.ogg", 121, "Bb", "minor")]
    public void Specific_clips_get_their_tempo_and_key(string path, double bpm, string key, string scale)
    {
        var result = clips.ByPath[path];

        Assert.InRange(result.Bpm!.Value, bpm * 0.98, bpm * 1.02);
        Assert.Equal(key, result.Key);
        Assert.Equal(scale, result.Scale);
    }

    [Theory]
    [InlineData("tricky/loudness_reference.ogg")]
    [InlineData("tricky/loudness_very_quiet.ogg")]
    [InlineData("tricky/loudness_very_loud_limited.ogg")]
    [InlineData("dev016.ogg")]
    public void Loudness_matches_essentia_replaygain(string path)
    {
        var ours = clips.ByPath[path].Loudness!.Value;
        var essentia = clips.Essentia[path].Descriptors!.Loudness!.Value;

        Assert.InRange(ours, essentia - 0.1, essentia + 0.1);
    }

    [Fact]
    public void Silence_and_the_one_second_clip_have_no_tempo()
    {
        var silence = clips.ByPath["tricky/silence_10s.wav"];
        var oneSecond = clips.ByPath["tricky/one_second.wav"];

        Assert.Null(silence.Bpm);
        Assert.Null(silence.Key);
        Assert.Null(silence.Loudness);
        Assert.Null(oneSecond.Bpm);
        Assert.NotNull(oneSecond.Loudness);
    }

    [Fact]
    public void The_same_music_at_three_levels_gets_the_same_tempo_and_key()
    {
        var levels = new[] { "tricky/loudness_reference.ogg", "tricky/loudness_very_quiet.ogg", "tricky/loudness_very_loud_limited.ogg" }
            .Select(p => clips.ByPath[p]).ToList();

        Assert.All(levels, d => Assert.InRange(d.Bpm!.Value, levels[0].Bpm!.Value - 0.5, levels[0].Bpm!.Value + 0.5));
        Assert.All(levels, d => Assert.Equal(levels[0].Key, d.Key));
    }
}
