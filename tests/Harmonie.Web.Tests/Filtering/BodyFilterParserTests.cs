using System.Text.Json;
using Harmonie.Engines.Filtering;
using Harmonie.Filtering;
using Harmonie.Web.Filtering;

namespace Harmonie.Web.Tests.Filtering;

public sealed class BodyFilterParserTests
{
    [Fact]
    public void Full_filter_round_trips()
    {
        var filter = Parse("""
            {
              "bpm": { "gte": 120, "lte": 130 },
              "danceability": { "gte": 1.5 },
              "loudness": { "lte": -10 },
              "key": ["A", "B"],
              "scale": "minor",
              "genre": ["Electronic"],
              "style": ["House", "Techno"],
              "style_min": 0.5,
              "style_mode": "all"
            }
            """);

        var expected = new TrackFilter
        {
            Bpm = new NumericRange(120, 130),
            Danceability = new NumericRange(1.5, null),
            Loudness = new NumericRange(null, -10),
            Keys = ["A", "B"],
            Scale = "minor",
            Genres = ["Electronic"],
            Styles = ["House", "Techno"],
            StyleMin = 0.5,
            StyleMode = StyleMatchMode.All,
        };
        Assert.Equal(expected, filter, TrackFilterComparer.Instance);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("null")]
    [InlineData("""{"bpm": {}, "loudness": null, "key": [], "genre": null, "scale": "", "key_extra": 5}""")]
    [InlineData("""{"bpm": {"gte": null, "lte": null, "step": 3}, "style_mode": "any", "style_min": 0}""")]
    public void Empty_null_and_unknown_members_are_no_constraint(string json)
    {
        var filter = Parse(json);

        Assert.Equal(TrackFilter.None, filter, TrackFilterComparer.Instance);
        Assert.True(filter.IsEmpty);
    }

    [Fact]
    public void Duplicate_members_keep_the_last_value() =>
        Assert.Equal(new NumericRange(1, 2), Parse("""{"bpm": "bad", "bpm": {"gte": 1, "lte": 2}}""").Bpm);

    [Theory]
    [InlineData("[]", "filter must be an object")]
    [InlineData("3", "filter must be an object")]
    [InlineData("\"bpm=120\"", "filter must be an object")]
    [InlineData("""{"key": "A"}""", "filter.key must be an array of strings")]
    [InlineData("""{"genre": "Electronic"}""", "filter.genre must be an array of strings")]
    [InlineData("""{"style": {"0": "House"}}""", "filter.style must be an array of strings")]
    [InlineData("""{"key": ["A", 3]}""", "filter.key[1] must be a string")]
    [InlineData("""{"scale": 1}""", "filter.scale must be a string")]
    [InlineData("""{"bpm": 120}""", "filter.bpm must be an object with optional 'gte' and 'lte' numbers")]
    [InlineData("""{"bpm": {"gte": "120"}}""", "filter.bpm.gte must be a number")]
    [InlineData("""{"loudness": {"lte": true}}""", "filter.loudness.lte must be a number")]
    [InlineData("""{"bpm": {"gte": 130, "lte": 120}}""", "filter.bpm: gte (130) must not be greater than lte (120)")]
    [InlineData("""{"genre": ["Electronic---House"]}""", "filter.genre[0]: genre values must not contain '---'; pass genre and style separately to name one exact label")]
    [InlineData("""{"style": ["House", "Electronic---House"]}""", "filter.style[1]: style values must not contain '---'; pass genre and style separately to name one exact label")]
    [InlineData("""{"style_min": null}""", "filter.style_min must be a number between 0 and 1, got null")]
    [InlineData("""{"style_min": 1.5}""", "filter.style_min must be a number between 0 and 1, got 1.5")]
    [InlineData("""{"style_min": "0.5"}""", "filter.style_min must be a number between 0 and 1, got \"0.5\"")]
    [InlineData("""{"style_mode": "ALL"}""", "filter.style_mode must be 'any' or 'all', got \"ALL\"")]
    [InlineData("""{"style_mode": null}""", "filter.style_mode must be 'any' or 'all', got null")]
    public void Violations_are_422_naming_the_field(string json, string detail)
    {
        var result = BodyFilterParser.Parse(Json(json));

        Assert.False(result.IsSuccess);
        Assert.Equal(422, result.Status);
        Assert.Equal(detail, result.Detail);
    }

    [Fact]
    public void Every_violation_is_reported()
    {
        var result = BodyFilterParser.Parse(Json("""{"key": "A", "bpm": {"gte": "x"}, "style_mode": "both"}"""));

        Assert.Equal(
            "filter.bpm.gte must be a number; filter.key must be an array of strings; filter.style_mode must be 'any' or 'all', got \"both\"",
            result.Detail);
    }

    [Fact]
    public void Absent_filter_is_no_constraint()
    {
        var result = BodyFilterParser.Parse(default);

        Assert.True(result.IsSuccess);
        Assert.Same(TrackFilter.None, result.Value);
    }

    private static TrackFilter Parse(string json)
    {
        var result = BodyFilterParser.Parse(Json(json));
        Assert.True(result.IsSuccess, result.Detail);
        return result.Value;
    }

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
