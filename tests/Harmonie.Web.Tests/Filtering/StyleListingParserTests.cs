using Harmonie.Web.Filtering;

namespace Harmonie.Web.Tests.Filtering;

public sealed class StyleListingParserTests
{
    [Fact]
    public void Genre_listing_takes_style_min_and_ignores_genre()
    {
        var result = StyleListingParser.ParseGenreListing(Query.Parse("?style_min=0.85&genre=a---b"));

        Assert.True(result.IsSuccess);
        Assert.Equal(new StyleListingQuery(0.85, null), result.Value);
    }

    [Fact]
    public void Style_listing_takes_style_min_and_a_genre_scope()
    {
        Assert.Equal(new StyleListingQuery(0, null), StyleListingParser.ParseStyleListing(Query.Parse("")).Value);
        Assert.Equal(new StyleListingQuery(0, null), StyleListingParser.ParseStyleListing(Query.Parse("?genre=")).Value);
        Assert.Equal(new StyleListingQuery(0.5, "Electronic"), StyleListingParser.ParseStyleListing(Query.Parse("?genre=Electronic&style_min=0.5")).Value);
    }

    [Fact]
    public void Separator_in_the_scope_is_400()
    {
        var result = StyleListingParser.ParseStyleListing(Query.Parse("?genre=Electronic---House"));

        Assert.Equal((400, "genre must not contain '---'"), (result.Status, result.Detail));
    }

    [Theory]
    [InlineData("?style_min=1.01")]
    [InlineData("?style_min=x")]
    public void Bad_style_min_is_422(string query)
    {
        Assert.Equal(422, StyleListingParser.ParseGenreListing(Query.Parse(query)).Status);
        Assert.Equal(422, StyleListingParser.ParseStyleListing(Query.Parse(query + "&genre=a---b")).Status);
    }
}
