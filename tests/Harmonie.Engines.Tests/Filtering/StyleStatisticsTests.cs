using Harmonie.Engines.Filtering;
using Harmonie.Filtering;
using Harmonie.Tracks;
using static Harmonie.Engines.Tests.Filtering.FilterFixtures;

namespace Harmonie.Engines.Tests.Filtering;

public sealed class StyleStatisticsTests
{
    // The library of the original's test_styles API checks: four labels over three genres.
    private static readonly TrackRecord[] Library =
    [
        Styled(1, ("Electronic---House", 0.9), ("Rock---Punk", 0.5)),
        Styled(2, ("Electronic---Techno", 0.6), ("Pop---Synth-pop", 0.4)),
        Styled(3),
    ];

    [Fact]
    public void Styles_lists_every_stored_label()
    {
        var styles = StyleStatistics.Compute(Library).ListStyles();

        Assert.Equal(["Electronic---House", "Electronic---Techno", "Pop---Synth-pop", "Rock---Punk"], styles.Select(s => s.Style));
        Assert.All(styles, s => Assert.Equal(1, s.TrackCount));
        Assert.Equal(new StyleSummary("Electronic---House", 1, 0.9, 0.9), styles[0]);
    }

    [Fact]
    public void Styles_scoped_to_a_genre_keep_only_its_labels()
    {
        var statistics = StyleStatistics.Compute(Library);

        Assert.Equal(["Electronic---House", "Electronic---Techno"], statistics.ListStyles("Electronic").Select(s => s.Style));
        Assert.Equal(["Electronic---House", "Electronic---Techno"], statistics.ListStyles("electronic").Select(s => s.Style));
        Assert.Equal(4, statistics.ListStyles("").Count);
        Assert.Empty(statistics.ListStyles("Electro"));
        Assert.Empty(statistics.ListStyles("Electr%"));
    }

    [Fact]
    public void Style_min_drops_rows_below_it()
    {
        var styles = StyleStatistics.Compute(Library, styleMin: 0.85).ListStyles();

        Assert.Equal([new StyleSummary("Electronic---House", 1, 0.9, 0.9)], styles);
    }

    [Fact]
    public void Genres_count_rows_and_distinct_styles()
    {
        var genres = StyleStatistics.Compute(Library).ListGenres();

        Assert.Equal(["Electronic", "Pop", "Rock"], genres.Select(g => g.Genre));
        Assert.Equal(2, genres[0].TrackCount);
        Assert.Equal(2, genres[0].StyleCount);
        Assert.Equal(0.75, genres[0].MeanProbability, 12);
        Assert.Equal(0.9, genres[0].MaxProbability);
        Assert.Equal(new GenreSummary("Pop", 1, 1, 0.4, 0.4), genres[1]);
        Assert.Equal(new GenreSummary("Rock", 1, 1, 0.5, 0.5), genres[2]);
    }

    [Fact]
    public void Genres_with_style_min_keep_only_genres_with_a_row_above_it()
    {
        var genres = StyleStatistics.Compute(Library, styleMin: 0.85).ListGenres();

        Assert.Equal([new GenreSummary("Electronic", 1, 1, 0.9, 0.9)], genres);
    }

    [Fact]
    public void A_track_with_two_styles_of_a_genre_counts_twice_and_means_are_per_row()
    {
        TrackRecord[] tracks =
        [
            Styled(1, ("Electronic---House", 0.2), ("Electronic---Techno", 0.4)),
            Styled(2, ("Electronic---House", 0.5)),
            Styled(3, ("Electronic---House", 0.8), ("Jazz---Swing", 0.9)),
        ];
        var statistics = StyleStatistics.Compute(tracks);

        var electronic = statistics.ListGenres()[0];
        var house = statistics.ListStyles()[0];

        Assert.Equal(("Electronic", 4L, 2), (electronic.Genre, electronic.TrackCount, electronic.StyleCount));
        Assert.Equal(1.9 / 4, electronic.MeanProbability, 12);
        Assert.Equal(0.8, electronic.MaxProbability);
        Assert.Equal(("Electronic---House", 3L, 0.8), (house.Style, house.TrackCount, house.MaxProbability));
        Assert.Equal(0.5, house.MeanProbability, 12);
        Assert.Equal(["Electronic", "Jazz"], statistics.ListGenres().Select(g => g.Genre));
    }

    [Fact]
    public void Ties_are_ordered_by_name_and_genre_is_the_text_before_the_first_separator()
    {
        TrackRecord[] tracks =
        [
            Styled(1, ("Rock---Punk", 0.5), ("Blues---Boogie", 0.5), ("Odd---Very---Odd", 0.5), ("NoSeparator", 0.5)),
        ];
        var statistics = StyleStatistics.Compute(tracks);

        Assert.Equal(["Blues", "Odd", "Rock"], statistics.ListGenres().Select(g => g.Genre));
        Assert.Equal(["Blues---Boogie", "NoSeparator", "Odd---Very---Odd", "Rock---Punk"], statistics.ListStyles().Select(s => s.Style));
        Assert.Equal(["Odd---Very---Odd"], statistics.ListStyles("odd").Select(s => s.Style));
    }

    [Fact]
    public void Scope_is_literal()
    {
        var statistics = StyleStatistics.Compute([Styled(1, ("Odd_Genre---X", 0.5), ("OddXGenre---Y", 0.5))]);

        Assert.Equal(["Odd_Genre---X"], statistics.ListStyles("odd_genre").Select(s => s.Style));
    }

    [Fact]
    public void An_empty_library_lists_nothing()
    {
        var statistics = StyleStatistics.Compute([Styled(1)]);

        Assert.Empty(statistics.ListGenres());
        Assert.Empty(statistics.ListStyles());
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    public void Merged_shard_tallies_equal_one_pass_over_everything(double styleMin)
    {
        var random = new Random(7);
        string[] labels = ["Electronic---House", "Electronic---Techno", "Rock---Punk", "Jazz---Swing", "Pop---Synth-pop", "Hip Hop---Trap"];
        var tracks = Enumerable.Range(0, 600)
            .Select(i => Styled(i, [.. labels.Where(_ => random.NextDouble() < 0.4).Select(label => (label, 0.05 + (random.NextDouble() * 0.95)))]))
            .ToArray();

        var whole = StyleStatistics.Compute(tracks, styleMin);
        var merged = new StyleStatistics(styleMin);
        foreach (var shard in tracks.Chunk(250))
        {
            merged.Merge(StyleStatistics.Compute(shard, styleMin).ToTallies());
        }

        AssertSameGenres(whole.ListGenres(), merged.ListGenres());
        AssertSameStyles(whole.ListStyles(), merged.ListStyles());
        AssertSameStyles(whole.ListStyles("rock"), merged.ListStyles("rock"));
        Assert.True(whole.ListGenres().Sum(g => g.TrackCount) > 500);
    }

    [Fact]
    public void Merging_statistics_with_another_style_min_is_refused()
    {
        var statistics = new StyleStatistics(0.1);

        Assert.Throws<ArgumentException>(() => statistics.Merge(new StyleStatistics(0.2)));
    }

    private static void AssertSameGenres(IReadOnlyList<GenreSummary> expected, IReadOnlyList<GenreSummary> actual)
    {
        Assert.Equal(expected.Select(g => (g.Genre, g.TrackCount, g.StyleCount, g.MaxProbability)), actual.Select(g => (g.Genre, g.TrackCount, g.StyleCount, g.MaxProbability)));
        Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First.MeanProbability, pair.Second.MeanProbability, 12));
    }

    private static void AssertSameStyles(IReadOnlyList<StyleSummary> expected, IReadOnlyList<StyleSummary> actual)
    {
        Assert.Equal(expected.Select(s => (s.Style, s.TrackCount, s.MaxProbability)), actual.Select(s => (s.Style, s.TrackCount, s.MaxProbability)));
        Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First.MeanProbability, pair.Second.MeanProbability, 12));
    }
}
