using System.Text.Json;
using Harmonie.Engines.Filtering;
using Harmonie.Filtering;
using Harmonie.Web.Filtering;

namespace Harmonie.Web.Tests.Filtering;

/// <summary>The URL form and the body form describe the same constraint object.</summary>
public sealed class FilterFormEquivalenceTests
{
    [Theory]
    [InlineData("", "{}")]
    [InlineData("?bpm=120..130", """{"bpm": {"gte": 120, "lte": 130}}""")]
    [InlineData("?bpm=128", """{"bpm": {"gte": 128, "lte": 128}}""")]
    [InlineData("?bpm=120..", """{"bpm": {"gte": 120}}""")]
    [InlineData("?loudness=..-10", """{"loudness": {"lte": -10}}""")]
    [InlineData("?bpm=..&danceability=", """{"bpm": {}, "danceability": null}""")]
    [InlineData("?key=A&key=B", """{"key": ["A", "B"]}""")]
    [InlineData("?key=&scale=", """{"key": [""], "scale": ""}""")]
    [InlineData("?genre=Electronic&style=House", """{"genre": ["Electronic"], "style": ["House"]}""")]
    [InlineData("?style_min=0.5&style_mode=all", """{"style_min": 0.5, "style_mode": "all"}""")]
    [InlineData(
        "?bpm=120..130&loudness=..-10&key=A&key=B&scale=minor&genre=Electronic&style=House&style_min=0.5&style_mode=any",
        """{"bpm": {"gte": 120, "lte": 130}, "loudness": {"lte": -10}, "key": ["A", "B"], "scale": "minor", "genre": ["Electronic"], "style": ["House"], "style_min": 0.5, "style_mode": "any"}""")]
    public void Equivalent_inputs_give_equal_filters(string query, string json)
    {
        var fromUrl = UrlFilterParser.Parse(Query.Parse(query));
        var fromBody = BodyFilterParser.Parse(JsonDocument.Parse(json).RootElement.Clone());

        Assert.True(fromUrl.IsSuccess, fromUrl.Detail);
        Assert.True(fromBody.IsSuccess, fromBody.Detail);
        Assert.Equal(fromUrl.Value, fromBody.Value, TrackFilterComparer.Instance);
    }

    [Theory]
    [InlineData("?genre=Electronic---House", """{"genre": ["Electronic---House"]}""")]
    [InlineData("?style=a---b", """{"style": ["a---b"]}""")]
    [InlineData("?bpm=130..120", """{"bpm": {"gte": 130, "lte": 120}}""")]
    public void The_same_mistake_is_400_in_the_url_and_422_in_the_body(string query, string json)
    {
        Assert.Equal(400, UrlFilterParser.Parse(Query.Parse(query)).Status);
        Assert.Equal(422, BodyFilterParser.Parse(JsonDocument.Parse(json).RootElement.Clone()).Status);
    }

    [Fact]
    public void A_parsed_filter_selects_the_same_tracks_either_way()
    {
        var fromUrl = UrlFilterParser.Parse(Query.Parse("?genre=electronic&style=HOUSE&style=Techno&style_mode=all")).Value!;
        var fromBody = BodyFilterParser.Parse(JsonDocument.Parse("""{"genre": ["electronic"], "style": ["HOUSE", "Techno"], "style_mode": "all"}""").RootElement.Clone()).Value!;
        var track = new Tracks.TrackRecord
        {
            Id = 1,
            Path = "/lib/a.flac",
            Size = 1,
            Mtime = 0,
            Duration = 1,
            DescriptorVersion = 1,
            AnalyzedAt = 0,
            Styles = [new Analysis.StyleScore("Electronic---House", 0.6), new Analysis.StyleScore("Electronic---Techno", 0.3)],
        };

        Assert.True(TrackFilterEvaluator.Matches(fromUrl, track));
        Assert.True(TrackFilterEvaluator.Matches(fromBody, track));
        Assert.False(TrackFilterEvaluator.Matches(fromUrl with { Styles = ["House", "Trance"] }, track));
    }
}
