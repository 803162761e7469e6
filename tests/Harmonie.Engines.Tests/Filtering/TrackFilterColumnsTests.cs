using Harmonie.Analysis;
using Harmonie.Engines.Filtering;
using Harmonie.Filtering;
using Harmonie.Tracks;
using static Harmonie.Engines.Tests.Filtering.FilterFixtures;

namespace Harmonie.Engines.Tests.Filtering;

public sealed class TrackFilterColumnsTests
{
    private static readonly string[] Labels =
    [
        "Electronic---House", "Electronic---Techno", "electronic---deep house", "Funk / Soul---Disco", "Electronic---Disco",
        "Rock---Punk", "Hip Hop---Trap", "Odd_Genre---50% Off", "Jazz---Swing", "Pop---Synth-pop", "NoSeparator",
    ];

    private static readonly string[] Keys = ["A", "Bb", "C#", "Eb", "F#", "Ab", "unknown"];

    [Fact]
    public void Columns_give_the_same_answers_as_track_records()
    {
        var random = new Random(11);
        var tracks = Enumerable.Range(0, 400).Select(i => (TrackRecord?)RandomTrack(i, random)).ToArray();
        var columns = new TrackFilterColumns();
        for (var row = 0; row < tracks.Length; row++)
        {
            columns.Set(row, tracks[row]!);
        }

        // Rows cleared and rows given other values must leave no trace in the per-label row sets.
        for (var row = 0; row < tracks.Length; row += 7)
        {
            columns.Clear(row);
            tracks[row] = null;
        }

        for (var row = 3; row < tracks.Length; row += 5)
        {
            tracks[row] = RandomTrack(row, random);
            columns.Set(row, tracks[row]!);
        }

        var filters = Enumerable.Range(0, 300).Select(_ => RandomFilter(random)).ToList();
        var matchedSomewhere = 0;
        foreach (var filter in filters)
        {
            var compiled = TrackFilterEvaluator.Compile(filter);
            var bound = columns.Bind(compiled);
            var expected = tracks.Select(t => t is not null && compiled.Matches(t)).ToArray();
            var actual = Enumerable.Range(0, tracks.Length).Select(bound.Matches).ToArray();
            var collected = new List<int>();
            bound.CollectMatchingRows(collected);

            Assert.True(expected.SequenceEqual(actual), $"columns disagree with records for {compiled}");
            Assert.Equal(Enumerable.Range(0, tracks.Length).Where(row => expected[row]), collected);
            matchedSomewhere += expected.Any(m => m) && expected.Any(m => !m) ? 1 : 0;
        }

        // The random filters must be selective, or the comparison above proves little.
        Assert.True(matchedSomewhere > 100, $"only {matchedSomewhere} filters split the tracks");
    }

    [Fact]
    public void Collecting_rows_respects_style_min_on_labels_held_below_it()
    {
        var columns = new TrackFilterColumns();
        columns.Set(0, Styled(1, ("Electronic---House", 0.9)));
        columns.Set(1, Styled(2, ("Electronic---House", 0.2), ("Rock---Punk", 0.9)));
        columns.Set(2, Styled(3, ("Rock---Punk", 0.9)));

        Assert.Equal([0], Collect(columns, new TrackFilter { Styles = ["house"], StyleMin = 0.5 }));
        Assert.Equal([0, 1], Collect(columns, new TrackFilter { Styles = ["house"] }));
        Assert.Equal([1], Collect(columns, new TrackFilter { Styles = ["house", "punk"], StyleMode = StyleMatchMode.All }));
        Assert.Equal([], Collect(columns, new TrackFilter { Styles = ["house", "punk"], StyleMode = StyleMatchMode.All, StyleMin = 0.5 }));
    }

    [Fact]
    public void More_than_64_distinct_style_constraints_still_work()
    {
        var columns = new TrackFilterColumns();
        columns.Set(0, Styled(1, ("Electronic---House", 0.7), ("Rock---Punk", 0.6)));
        columns.Set(1, Styled(2, ("Electronic---House", 0.7)));
        var genres = Enumerable.Range(0, 80).Select(i => $"Filler{i}").Append("Rock").ToArray();

        var any = columns.Bind(TrackFilterEvaluator.Compile(new TrackFilter { Genres = genres }));
        var allMissing = columns.Bind(TrackFilterEvaluator.Compile(new TrackFilter { Genres = genres, StyleMode = StyleMatchMode.All }));

        Assert.Equal([true, false], new[] { any.Matches(0), any.Matches(1) });
        Assert.False(allMissing.Matches(0));
    }

    [Fact]
    public void Labels_added_after_binding_are_matched_too()
    {
        var columns = new TrackFilterColumns();
        columns.Set(0, Styled(1, ("Rock---Punk", 0.7)));
        var bound = columns.Bind(TrackFilterEvaluator.Compile(new TrackFilter { Styles = ["House"] }));

        columns.Set(1, Styled(2, ("Electronic---House", 0.7)));

        Assert.False(bound.Matches(0));
        Assert.True(bound.Matches(1));
    }

    [Fact]
    public void Unset_and_cleared_rows_match_nothing_and_rows_can_be_replaced()
    {
        var columns = new TrackFilterColumns();
        columns.Set(3, Track(1, bpm: 120, styles: ("Rock---Punk", 0.7)));
        columns.Set(5, Track(2, bpm: 120));
        var everything = columns.Bind(TrackFilterEvaluator.Compile(TrackFilter.None));
        var rock = columns.Bind(TrackFilterEvaluator.Compile(new TrackFilter { Genres = ["Rock"] }));

        Assert.Equal(6, columns.RowCount);
        Assert.Equal([false, false, false, true, false, true, false], Enumerable.Range(0, 7).Select(everything.Matches));

        columns.Clear(5);
        columns.Set(3, Track(1, bpm: 120, styles: ("Jazz---Swing", 0.7)));

        Assert.False(everything.Matches(5));
        Assert.False(rock.Matches(3));
        Assert.False(everything.Matches(-1));
        Assert.Equal([3], Collect(columns, TrackFilter.None));
        Assert.Equal([], Collect(columns, new TrackFilter { Genres = ["Rock"] }));
        Assert.Equal([3], Collect(columns, new TrackFilter { Genres = ["jazz"], Bpm = new NumericRange(120, 120) }));
    }

    [Fact]
    public void Columns_grow_past_their_first_capacity()
    {
        var columns = new TrackFilterColumns();
        columns.Set(5000, Track(1, bpm: 99, key: "A#", scale: "minor", styles: ("Rock---Punk", 0.7)));

        var bound = columns.Bind(TrackFilterEvaluator.Compile(new TrackFilter { Keys = ["bb"], Bpm = new NumericRange(90, 100), Genres = ["rock"] }));

        Assert.True(bound.Matches(5000));
        Assert.False(bound.Matches(4999));
        Assert.Equal([5000], Collect(columns, new TrackFilter { Bpm = new NumericRange(98.5, 99) }));
    }

    [Fact]
    public void More_than_ten_style_rows_are_refused()
    {
        var columns = new TrackFilterColumns();
        var styles = Enumerable.Range(0, 11).Select(i => new StyleScore($"G---S{i}", 0.5)).ToArray();

        Assert.Throws<ArgumentException>(() => columns.Set(0, AudioDescriptors.Empty, styles));
    }

    [Fact]
    public void Evaluating_columns_allocates_nothing()
    {
        var random = new Random(3);
        var columns = new TrackFilterColumns();
        for (var row = 0; row < 1000; row++)
        {
            columns.Set(row, RandomTrack(row, random));
        }

        var bound = columns.Bind(TrackFilterEvaluator.Compile(new TrackFilter
        {
            Keys = ["A#", "unknown"],
            Scale = "MINOR",
            Genres = ["electronic"],
            Styles = ["Disco", "Punk"],
            StyleMode = StyleMatchMode.All,
        }));
        Count(bound, columns.RowCount);

        var before = GC.GetAllocatedBytesForCurrentThread();
        Count(bound, columns.RowCount);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static List<int> Collect(TrackFilterColumns columns, TrackFilter filter)
    {
        var rows = new List<int>();
        columns.Bind(TrackFilterEvaluator.Compile(filter)).CollectMatchingRows(rows);
        return rows;
    }

    private static int Count(ColumnarTrackFilter filter, int rows)
    {
        var count = 0;
        for (var row = 0; row < rows; row++)
        {
            count += filter.Matches(row) ? 1 : 0;
        }

        return count;
    }

    private static TrackRecord RandomTrack(long id, Random random)
    {
        double? Maybe(double value) => random.Next(8) == 0 ? null : value;
        var styles = Labels.Where(_ => random.Next(4) == 0).Take(TrackFilterColumns.MaxStyleRows)
            .Select(label => (label, Math.Round(random.NextDouble(), 2))).ToArray();
        return Track(
            id,
            bpm: Maybe(Math.Round(80 + (random.NextDouble() * 80))),
            key: random.Next(8) == 0 ? null : Keys[random.Next(Keys.Length)],
            scale: random.Next(3) switch { 0 => "major", 1 => "minor", _ => null },
            danceability: Maybe(Math.Round(random.NextDouble() * 3, 1)),
            loudness: Maybe(Math.Round(-20 + (random.NextDouble() * 15))),
            styles: styles);
    }

    private static TrackFilter RandomFilter(Random random)
    {
        NumericRange? Range(double low, double high)
        {
            if (random.Next(3) != 0)
            {
                return null;
            }

            var a = Math.Round(low + (random.NextDouble() * (high - low)));
            return random.Next(3) switch { 0 => new NumericRange(a, null), 1 => new NumericRange(null, a), _ => new NumericRange(a, a + 20) };
        }

        string[] Pick(string[] pool, int max) => [.. pool.Where(_ => random.Next(pool.Length) < max)];
        return new TrackFilter
        {
            Bpm = Range(80, 160),
            Danceability = Range(0, 3),
            Loudness = Range(-20, -5),
            Keys = random.Next(3) == 0 ? Pick(["a#", "Db", "eb", "A", "unknown", "H"], 2) : [],
            Scale = random.Next(4) switch { 0 => "MINOR", 1 => "major", _ => null },
            Genres = random.Next(2) == 0 ? Pick(["Electronic", "rock", "Funk / Soul", "odd_genre", "Electr%", "Jazz"], 2) : [],
            Styles = random.Next(2) == 0 ? Pick(["House", "disco", "Punk", "50% off", "Deep House", "Trap"], 2) : [],
            StyleMin = random.Next(2) == 0 ? 0 : Math.Round(random.NextDouble(), 2),
            StyleMode = random.Next(2) == 0 ? StyleMatchMode.Any : StyleMatchMode.All,
        };
    }
}
