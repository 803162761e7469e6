using System.Collections.ObjectModel;
using Harmonie.Analysis;
using Harmonie.Engines.Filtering;
using Harmonie.Filtering;
using Harmonie.Tracks;
using static Harmonie.Engines.Tests.Filtering.FilterFixtures;

namespace Harmonie.Engines.Tests.Filtering;

public sealed class TrackFilterEvaluatorTests
{
    private static readonly TrackRecord[] Tempos =
        [Track(1, bpm: 100), Track(2, bpm: 120), Track(3, bpm: 128), Track(4, bpm: 140), Track(5, bpm: 160), Track(6)];

    // Two Electronic styles and nothing else: the §6.4 counter-examples of the original's counting "all".
    private static readonly TrackRecord HouseAndTechno = Styled(10, ("Electronic---House", 0.6), ("Electronic---Techno", 0.3));

    [Fact]
    public void Ranges_are_inclusive_and_a_missing_value_fails_any_bound()
    {
        Assert.Equal([2, 3, 4], Ids(new TrackFilter { Bpm = new NumericRange(120, 140) }, Tempos));
        Assert.Equal([4, 5], Ids(new TrackFilter { Bpm = new NumericRange(140, null) }, Tempos));
        Assert.Equal([1, 2], Ids(new TrackFilter { Bpm = new NumericRange(null, 120) }, Tempos));
        Assert.Equal([3], Ids(new TrackFilter { Bpm = new NumericRange(128, 128) }, Tempos));
    }

    [Fact]
    public void An_infinite_bound_keeps_every_track_with_a_value_and_a_nan_bound_matches_nothing()
    {
        Assert.Equal([1, 2, 3, 4, 5], Ids(new TrackFilter { Bpm = new NumericRange(null, double.PositiveInfinity) }, Tempos));
        Assert.Empty(Ids(new TrackFilter { Bpm = new NumericRange(double.NaN, double.NaN) }, Tempos));
    }

    [Fact]
    public void Descriptor_ranges_combine_with_and()
    {
        TrackRecord[] tracks =
        [
            Track(1, bpm: 125, danceability: 1.5, loudness: -8),
            Track(2, bpm: 125, danceability: 0.5, loudness: -8),
            Track(3, bpm: 125, danceability: 1.5, loudness: -14),
            Track(4, bpm: 125, loudness: -8),
        ];
        var filter = new TrackFilter
        {
            Bpm = new NumericRange(120, 130),
            Danceability = new NumericRange(1, null),
            Loudness = new NumericRange(-10, null),
        };

        Assert.Equal([1], Ids(filter, tracks));
        Assert.Equal([1, 3], Ids(new TrackFilter { Danceability = new NumericRange(1.0, 2.0) }, tracks));
        Assert.Equal([3], Ids(new TrackFilter { Loudness = new NumericRange(null, -12) }, tracks));
    }

    [Fact]
    public void Keys_match_case_insensitively_and_enharmonically()
    {
        TrackRecord[] tracks =
        [
            Track(1, key: "Bb"), Track(2, key: "C#"), Track(3, key: "A"), Track(4, key: "Ab"), Track(5, key: "Eb"), Track(6),
        ];

        Assert.Equal([1], Ids(new TrackFilter { Keys = ["A#"] }, tracks));
        Assert.Equal([1], Ids(new TrackFilter { Keys = ["bb"] }, tracks));
        Assert.Equal([2], Ids(new TrackFilter { Keys = ["Db"] }, tracks));
        Assert.Equal([2, 3], Ids(new TrackFilter { Keys = ["c#", "a"] }, tracks));
        Assert.Equal([4, 5], Ids(new TrackFilter { Keys = ["G#", "D#"] }, tracks));
        Assert.Equal([3], Ids(new TrackFilter { Keys = [" A "] }, tracks));
        Assert.Empty(Ids(new TrackFilter { Keys = ["H"] }, tracks));
    }

    [Fact]
    public void Keys_that_are_not_note_names_compare_as_text()
    {
        TrackRecord[] tracks = [Track(1, key: "unknown"), Track(2, key: "A")];

        Assert.Equal([1], Ids(new TrackFilter { Keys = ["UNKNOWN"] }, tracks));
    }

    [Fact]
    public void Scale_is_case_insensitive_equality_and_a_missing_scale_fails()
    {
        TrackRecord[] tracks = [Track(1, key: "A", scale: "minor"), Track(2, key: "C", scale: "major"), Track(3, key: "A")];

        Assert.Equal([1], Ids(new TrackFilter { Scale = "Minor" }, tracks));
        Assert.Equal([2], Ids(new TrackFilter { Scale = "MAJOR", Keys = ["C", "A"] }, tracks));
        Assert.Empty(Ids(new TrackFilter { Scale = "dorian" }, tracks));
    }

    [Fact]
    public void Genre_axis_matches_the_left_side_and_honours_style_min()
    {
        TrackRecord[] tracks =
        [
            Styled(1, ("Electronic---House", 0.9)),
            Styled(2, ("Electronic---Techno", 0.3), ("Rock---Punk", 0.6)),
            Styled(3, ("Rock---Punk", 0.8)),
            Styled(4),
        ];

        Assert.Equal([1, 2], Ids(new TrackFilter { Genres = ["Electronic"] }, tracks));
        Assert.Equal([1], Ids(new TrackFilter { Genres = ["Electronic"], StyleMin = 0.5 }, tracks));
        Assert.Equal([1, 2, 3], Ids(new TrackFilter { Genres = ["Electronic", "Rock"] }, tracks));
        Assert.Equal([1], Ids(new TrackFilter { Genres = ["Electronic"], StyleMin = 0.9 }, tracks));
    }

    [Fact]
    public void Style_axis_matches_the_right_side_across_genres()
    {
        TrackRecord[] tracks =
        [
            Styled(1, ("Electronic---Disco", 0.7)),
            Styled(2, ("Funk / Soul---Disco", 0.4)),
            Styled(3, ("Electronic---Italo-Disco", 0.9)),
            Styled(4, ("Disco---Other", 0.9)),
        ];

        Assert.Equal([1, 2], Ids(new TrackFilter { Styles = ["Disco"] }, tracks));
        Assert.Equal([1], Ids(new TrackFilter { Styles = ["Disco"], StyleMin = 0.5 }, tracks));
    }

    [Fact]
    public void One_genre_and_one_style_name_a_single_exact_label()
    {
        TrackRecord[] tracks =
        [
            Styled(1, ("Electronic---House", 0.7)),
            Styled(2, ("Electronic---Techno", 0.7), ("Funk / Soul---House", 0.6)),
            Styled(3, ("electronic---HOUSE", 0.2)),
        ];

        Assert.Equal([1, 3], Ids(new TrackFilter { Genres = ["Electronic"], Styles = ["House"] }, tracks));
        Assert.Equal([1, 3], Ids(new TrackFilter { Genres = ["ELECTRONIC"], Styles = ["house"] }, tracks));
        Assert.Equal([1], Ids(new TrackFilter { Genres = ["Electronic"], Styles = ["House"], StyleMin = 0.5 }, tracks));

        // Case-insensitive duplicates are one value, so this is still the exact label.
        Assert.Equal([1, 3], Ids(new TrackFilter { Genres = ["Electronic", "electronic"], Styles = ["House"] }, tracks));
    }

    [Fact]
    public void Several_values_on_either_axis_are_independent_constraints_not_a_cross_product()
    {
        TrackRecord[] tracks =
        [
            Styled(1, ("Rock---Techno", 0.5)),
            Styled(2, ("Electronic---Ambient", 0.5)),
            Styled(3, ("Jazz---Swing", 0.5)),
        ];

        var filter = new TrackFilter { Genres = ["Electronic"], Styles = ["House", "Techno"] };

        Assert.Equal([1, 2], Ids(filter, tracks));
    }

    [Fact]
    public void All_requires_every_constraint_where_the_original_counted_labels()
    {
        // Original: 2 distinct Electronic labels >= 2 constraints, so it passed without any Rock style.
        var electronicAndRock = new TrackFilter { Genres = ["Electronic", "Rock"], StyleMode = StyleMatchMode.All };

        // Original: 2 labels < 3 constraints, so it failed although every constraint is met.
        var electronicHouseTechno = new TrackFilter { Genres = ["Electronic"], Styles = ["House", "Techno"], StyleMode = StyleMatchMode.All };

        Assert.False(TrackFilterEvaluator.Matches(electronicAndRock, HouseAndTechno));
        Assert.True(TrackFilterEvaluator.Matches(electronicHouseTechno, HouseAndTechno));
        Assert.True(TrackFilterEvaluator.Matches(electronicAndRock with { StyleMode = StyleMatchMode.Any }, HouseAndTechno));
    }

    [Fact]
    public void All_requires_each_constraint_to_be_met_at_or_above_style_min()
    {
        var filter = new TrackFilter { Genres = ["Electronic"], Styles = ["House", "Techno"], StyleMode = StyleMatchMode.All };

        Assert.True(TrackFilterEvaluator.Matches(filter with { StyleMin = 0.3 }, HouseAndTechno));
        Assert.False(TrackFilterEvaluator.Matches(filter with { StyleMin = 0.5 }, HouseAndTechno));
    }

    [Fact]
    public void All_across_two_genres_needs_a_row_from_each()
    {
        TrackRecord[] tracks =
        [
            Styled(1, ("Electronic---House", 0.5), ("Rock---Punk", 0.4)),
            Styled(2, ("Electronic---House", 0.5)),
            Styled(3, ("Rock---Punk", 0.5)),
        ];

        Assert.Equal([1], Ids(new TrackFilter { Genres = ["Electronic", "Rock"], StyleMode = StyleMatchMode.All }, tracks));
    }

    [Fact]
    public void Percent_and_underscore_are_literal_characters()
    {
        TrackRecord[] tracks =
        [
            Styled(1, ("Electronic---House", 0.7)),
            Styled(2, ("Odd_Genre---50% Off", 0.7)),
        ];

        Assert.Empty(Ids(new TrackFilter { Genres = ["%"] }, tracks));
        Assert.Empty(Ids(new TrackFilter { Genres = ["Electr%"] }, tracks));
        Assert.Empty(Ids(new TrackFilter { Styles = ["H_use"] }, tracks));
        Assert.Empty(Ids(new TrackFilter { Styles = ["%"] }, tracks));
        Assert.Equal([2], Ids(new TrackFilter { Genres = ["odd_genre"] }, tracks));
        Assert.Equal([2], Ids(new TrackFilter { Styles = ["50% OFF"] }, tracks));
    }

    [Fact]
    public void Genre_matching_needs_the_whole_genre_name()
    {
        TrackRecord[] tracks = [Styled(1, ("Hip Hop---Trap", 0.7))];

        Assert.Empty(Ids(new TrackFilter { Genres = ["Hip"] }, tracks));
        Assert.Empty(Ids(new TrackFilter { Styles = ["rap"] }, tracks));
        Assert.Equal([1], Ids(new TrackFilter { Genres = ["hip hop"] }, tracks));
    }

    [Fact]
    public void Descriptor_and_style_constraints_must_both_hold()
    {
        TrackRecord[] tracks =
        [
            Track(1, bpm: 140, styles: ("Electronic---Hard Techno", 0.8)),
            Track(2, bpm: 130, styles: ("Electronic---Hard Techno", 0.8)),
            Track(3, bpm: 145, styles: ("Electronic---Trance", 0.8)),
        ];

        var filter = new TrackFilter { Genres = ["Electronic"], Styles = ["Hard Techno"], Bpm = new NumericRange(140, null) };

        Assert.Equal([1], Ids(filter, tracks));
    }

    [Fact]
    public void Style_min_and_style_mode_alone_constrain_nothing()
    {
        TrackRecord[] tracks = [Styled(1), Styled(2, ("Rock---Punk", 0.1)), Track(3, bpm: 120)];
        var filter = new TrackFilter { StyleMin = 0.9, StyleMode = StyleMatchMode.All };
        var compiled = TrackFilterEvaluator.Compile(filter);

        Assert.True(filter.IsEmpty);
        Assert.True(compiled.MatchesEverything);
        Assert.Equal([1, 2, 3], Ids(filter, tracks));
        Assert.True(TrackFilterEvaluator.Compile(TrackFilter.None).MatchesEverything);
    }

    [Fact]
    public void A_non_empty_filter_reports_which_half_it_constrains()
    {
        var styles = TrackFilterEvaluator.Compile(new TrackFilter { Genres = ["Rock"] });
        var descriptors = TrackFilterEvaluator.Compile(new TrackFilter { Scale = "minor" });

        Assert.True(styles.ConstrainsStyles);
        Assert.False(styles.ConstrainsDescriptors);
        Assert.True(descriptors.ConstrainsDescriptors);
        Assert.False(descriptors.ConstrainsStyles);
        Assert.False(styles.MatchesEverything || descriptors.MatchesEverything);
    }

    [Fact]
    public void Blank_values_are_no_constraint()
    {
        TrackRecord[] tracks = [Track(1, key: "A", scale: "minor"), Track(2)];

        Assert.Equal([1, 2], Ids(new TrackFilter { Keys = [""], Scale = " ", Genres = [""], Styles = [""] }, tracks));
    }

    [Fact]
    public void Every_list_implementation_gives_the_same_answer()
    {
        var rows = new[] { new StyleScore("Electronic---House", 0.6), new StyleScore("Rock---Punk", 0.3) };
        var compiled = TrackFilterEvaluator.Compile(new TrackFilter { Genres = ["Rock", "Electronic"], StyleMode = StyleMatchMode.All, StyleMin = 0.2 });
        IReadOnlyList<StyleScore> literal = [rows[0], rows[1]];

        Assert.True(compiled.MatchesStyles(rows));
        Assert.True(compiled.MatchesStyles(rows.ToList()));
        Assert.True(compiled.MatchesStyles(literal));
        Assert.True(compiled.MatchesStyles(new ReadOnlyCollection<StyleScore>(rows)));
        Assert.False(compiled.MatchesStyles(new ReadOnlyCollection<StyleScore>([rows[0]])));
    }

    [Fact]
    public void Evaluation_allocates_nothing()
    {
        var tracks = Enumerable.Range(0, 1000).Select(i => Track(
            i,
            bpm: 100 + (i % 60),
            key: i % 2 == 0 ? "Bb" : "C",
            scale: "minor",
            styles: [("Electronic---House", 0.5 + (i % 5 / 10.0)), ("Rock---Punk", 0.2)])).ToArray();
        var compiled = TrackFilterEvaluator.Compile(new TrackFilter
        {
            Bpm = new NumericRange(110, 150),
            Keys = ["A#", "c"],
            Scale = "MINOR",
            Genres = ["electronic", "Rock"],
            Styles = ["Punk"],
            StyleMode = StyleMatchMode.All,
            StyleMin = 0.1,
        });
        var matched = CountMatches(compiled, tracks);

        var wrapped = tracks.Select(t => t with { Styles = new ReadOnlyCollection<StyleScore>([.. t.Styles]) }).ToArray();
        CountMatches(compiled, wrapped);

        var before = GC.GetAllocatedBytesForCurrentThread();
        matched = CountMatches(compiled, tracks);
        var wrappedMatched = CountMatches(compiled, wrapped);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(tracks.Count(t => t.Descriptors.Bpm is >= 110 and <= 150), matched);
        Assert.Equal(matched, wrappedMatched);
        Assert.Equal(0, allocated);
    }

    private static int CountMatches(CompiledTrackFilter filter, TrackRecord[] tracks)
    {
        var count = 0;
        foreach (var track in tracks)
        {
            if (filter.Matches(track))
            {
                count++;
            }
        }

        return count;
    }

    private static long[] Ids(TrackFilter filter, IEnumerable<TrackRecord> tracks)
    {
        var compiled = TrackFilterEvaluator.Compile(filter);
        return [.. tracks.Where(compiled.Matches).Select(t => t.Id)];
    }
}
