using Harmonie.Engines.Playlists;
using Harmonie.TestSupport;
using Harmonie.Tracks;

namespace Harmonie.Engines.Tests.Playlists;

public sealed class DiversityStateTests
{
    [Fact]
    public void Penalty_is_0_2_right_after_then_decays_linearly_to_0_after_three_picks()
    {
        var state = new DiversityState(dedupeTitles: true, artistCooldown: true);
        var a = Song(1, "Artist A", "One");
        state.Record(a);
        Assert.Equal(0.2, state.CooldownPenalty(a), 12);
        state.Record(Song(2, "B", "x"));
        Assert.Equal(0.2 * 2 / 3, state.CooldownPenalty(a), 12);
        state.Record(Song(3, null, null));
        Assert.Equal(0.2 / 3, state.CooldownPenalty(a), 12);
        state.Record(Song(4, "C", "y"));
        Assert.Equal(0, state.CooldownPenalty(a));
        Assert.Equal(4, state.PickCount);
    }

    [Fact]
    public void Unseen_and_untagged_artists_are_never_penalised()
    {
        var state = new DiversityState(true, true);
        state.Record(Song(1, null, "Nameless"));
        state.Record(Song(2, "   ", "Blank"));
        Assert.Equal(0, state.CooldownPenalty(Song(3, null, "Other")));
        Assert.Equal(0, state.CooldownPenalty(Song(4, " ", "Other")));
        Assert.Equal(0, state.CooldownPenalty(Song(5, "Somebody", "Else")));
    }

    [Fact]
    public void Dedupe_is_permanent_and_ignores_case_and_surrounding_whitespace()
    {
        var state = new DiversityState(true, true);
        state.Record(Song(1, "Kessler", "Iron Lung"));
        for (var i = 0; i < 10; i++)
        {
            state.Record(Song(10 + i, "Filler", $"Song {i}"));
        }

        Assert.False(state.Admits(Song(2, "  KESSLER ", "iron lung\t")));
        Assert.True(state.Admits(Song(3, "Kessler", "Iron Lung (Remix)")));
        Assert.True(state.Admits(Song(4, "Other", "Iron Lung")));
    }

    [Fact]
    public void Case_folding_is_unicode_lower_case()
    {
        var state = new DiversityState(true, true);
        state.Record(Song(1, "ÉMILIE SIMON", "DÉSERT"));
        Assert.False(state.Admits(Song(2, "Émilie Simon", "Désert")));
        Assert.Equal(0.2, state.CooldownPenalty(Song(3, "émilie simon", "Flowers")), 12);
    }

    [Fact]
    public void Tracks_missing_artist_or_title_are_never_deduped()
    {
        var state = new DiversityState(true, true);
        state.Record(Song(1, null, "Intro"));
        state.Record(Song(2, "Band", null));
        state.Record(Song(3, "Band", ""));
        Assert.True(state.Admits(Song(4, null, "Intro")));
        Assert.True(state.Admits(Song(5, "Band", null)));
        Assert.True(state.Admits(Song(6, "Band", " ")));
    }

    [Fact]
    public void Each_flag_works_on_its_own_and_both_off_admit_repeats_without_penalty()
    {
        var song = Song(1, "A", "T");
        var dedupeOnly = new DiversityState(dedupeTitles: true, artistCooldown: false);
        dedupeOnly.Record(song);
        Assert.False(dedupeOnly.Admits(song));
        Assert.Equal(0, dedupeOnly.CooldownPenalty(song));

        var cooldownOnly = new DiversityState(dedupeTitles: false, artistCooldown: true);
        cooldownOnly.Record(song);
        Assert.True(cooldownOnly.Admits(song));
        Assert.Equal(0.2, cooldownOnly.CooldownPenalty(song), 12);

        var neither = new DiversityState(false, false);
        neither.Record(song);
        Assert.True(neither.Admits(song));
        Assert.Equal(0, neither.CooldownPenalty(song));
    }

    [Fact]
    public void Turning_dedupe_on_later_counts_songs_recorded_while_it_was_off()
    {
        var state = new DiversityState(dedupeTitles: false, artistCooldown: false);
        state.Record(Song(1, "A", "T"));
        Assert.True(state.Admits(Song(2, "a", "t")));
        state.EnableTitleDedupe();
        Assert.False(state.Admits(Song(2, "a", "t")));
    }

    private static TrackRecord Song(long id, string? artist, string? title) => PlaylistFixtureTracks.Track(id, artist, title);
}
