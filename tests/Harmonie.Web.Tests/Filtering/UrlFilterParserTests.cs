using Harmonie.Engines.Filtering;
using Harmonie.Filtering;
using Harmonie.Web.Filtering;

namespace Harmonie.Web.Tests.Filtering;

public sealed class UrlFilterParserTests
{
    [Fact]
    public void Ranges_become_min_and_max()
    {
        var filter = Parse("?bpm=120..130&danceability=1.5..&loudness=..-10");

        Assert.Equal(new NumericRange(120, 130), filter.Bpm);
        Assert.Equal(new NumericRange(1.5, null), filter.Danceability);
        Assert.Equal(new NumericRange(null, -10), filter.Loudness);
    }

    [Fact]
    public void Repeated_list_parameters_pass_through_in_order_without_comma_splitting()
    {
        var filter = Parse("?key=A&key=Bb&genre=Electronic&genre=Rock&style=House&style=Drum%20n%20Bass&key=C,D");

        Assert.Equal(["A", "Bb", "C,D"], filter.Keys);
        Assert.Equal(["Electronic", "Rock"], filter.Genres);
        Assert.Equal(["House", "Drum n Bass"], filter.Styles);
    }

    [Fact]
    public void Scale_style_min_and_mode_are_carried()
    {
        var filter = Parse("?scale=minor&style_min=0.5&style_mode=all");

        Assert.Equal("minor", filter.Scale);
        Assert.Equal(0.5, filter.StyleMin);
        Assert.Equal(StyleMatchMode.All, filter.StyleMode);
        Assert.Equal(StyleMatchMode.Any, Parse("?style_mode=any").StyleMode);
    }

    [Fact]
    public void No_parameters_and_empty_values_are_no_constraint()
    {
        var none = Parse(string.Empty);
        var blanks = Parse("?bpm=&danceability=..&key=&genre=&style=&scale=&style_min=&style_mode=");

        Assert.Equal(TrackFilter.None, none, TrackFilterComparer.Instance);
        Assert.Equal(TrackFilter.None, blanks, TrackFilterComparer.Instance);
        Assert.True(blanks.IsEmpty);
    }

    [Fact]
    public void For_single_valued_parameters_the_last_one_wins()
    {
        var filter = Parse("?bpm=100..110&bpm=120..130&scale=major&scale=minor&style_min=0.1&style_min=0.2");

        Assert.Equal(new NumericRange(120, 130), filter.Bpm);
        Assert.Equal("minor", filter.Scale);
        Assert.Equal(0.2, filter.StyleMin);
    }

    [Theory]
    [InlineData("?bpm=foo..bar", "invalid filter: bpm: invalid range 'foo..bar': 'foo' is not a number")]
    [InlineData("?bpm=120..130..140", "invalid filter: bpm: invalid range '120..130..140': '130..140' is not a number")]
    [InlineData("?danceability=abc", "invalid filter: danceability: invalid range 'abc': 'abc' is not a number")]
    [InlineData("?loudness=-5..-10", "invalid filter: loudness: invalid range '-5..-10': lower bound -5 is greater than upper bound -10")]
    public void Bad_ranges_are_400_invalid_filter(string query, string detail) => AssertFailure(query, 400, detail);

    [Theory]
    [InlineData("?genre=Electronic---House", "genre")]
    [InlineData("?genre=Rock&genre=Electronic---House", "genre")]
    [InlineData("?style=Electronic---House", "style")]
    public void Label_separator_in_genre_or_style_is_400(string query, string axis) =>
        AssertFailure(query, 400, $"invalid filter: {axis} values must not contain '---'; pass genre and style separately to name one exact label");

    [Theory]
    [InlineData("?style_min=1.5", "style_min must be a number between 0 and 1, got '1.5'")]
    [InlineData("?style_min=-0.1", "style_min must be a number between 0 and 1, got '-0.1'")]
    [InlineData("?style_min=nan", "style_min must be a number between 0 and 1, got 'nan'")]
    [InlineData("?style_min=high", "style_min must be a number between 0 and 1, got 'high'")]
    [InlineData("?style_mode=ALL", "style_mode must be 'any' or 'all', got 'ALL'")]
    [InlineData("?style_mode=some", "style_mode must be 'any' or 'all', got 'some'")]
    [InlineData("?style_min=2&style_mode=x", "style_min must be a number between 0 and 1, got '2'; style_mode must be 'any' or 'all', got 'x'")]
    public void Bad_style_min_or_mode_is_422(string query, string detail) => AssertFailure(query, 422, detail);

    [Fact]
    public void Schema_errors_are_reported_before_filter_syntax_errors() =>
        AssertFailure("?bpm=foo&style_min=3", 422, "style_min must be a number between 0 and 1, got '3'");

    [Theory]
    [InlineData("0", 0.0)]
    [InlineData("1", 1.0)]
    [InlineData(" 0.25 ", 0.25)]
    [InlineData("2.5e-1", 0.25)]
    public void Style_min_accepts_python_floats_in_range(string raw, double expected) =>
        Assert.Equal(expected, Parse("?style_min=" + Uri.EscapeDataString(raw)).StyleMin);

    private static TrackFilter Parse(string query)
    {
        var result = UrlFilterParser.Parse(Query.Parse(query));
        Assert.True(result.IsSuccess, result.Detail);
        return result.Value;
    }

    private static void AssertFailure(string query, int status, string detail)
    {
        var result = UrlFilterParser.Parse(Query.Parse(query));

        Assert.False(result.IsSuccess);
        Assert.Equal(status, result.Status);
        Assert.Equal(detail, result.Detail);
    }
}
