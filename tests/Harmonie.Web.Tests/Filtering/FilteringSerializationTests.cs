using Harmonie.Engines.Filtering;
using Harmonie.Filtering;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Harmonie.Web.Tests.Filtering;

/// <summary>The filtering types cross grain calls; a missing serializer attribute would only fail at run time.</summary>
public sealed class FilteringSerializationTests
{
    private readonly Serializer _serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    [Fact]
    public void Filters_round_trip()
    {
        var filter = new TrackFilter
        {
            Bpm = new NumericRange(120, null),
            Keys = ["A"],
            Scale = "minor",
            Genres = ["Electronic"],
            Styles = ["House"],
            StyleMin = 0.5,
            StyleMode = StyleMatchMode.All,
        };

        Assert.Equal(filter, RoundTrip(filter), TrackFilterComparer.Instance);
    }

    [Fact]
    public void Style_statistics_round_trip()
    {
        var genre = new GenreSummary("Electronic", 2, 2, 0.75, 0.9);
        var style = new StyleSummary("Electronic---House", 1, 0.9, 0.9);
        IReadOnlyList<StyleTally> tallies = [new StyleTally("Electronic---House", 3, 1.5, 0.8)];

        Assert.Equal(genre, RoundTrip(genre));
        Assert.Equal(style, RoundTrip(style));
        Assert.Equal(tallies, RoundTrip(tallies));
    }

    private T RoundTrip<T>(T value) => _serializer.Deserialize<T>(_serializer.SerializeToArray(value))!;
}
