using Harmonie.Engines.Filtering;
using Harmonie.Filtering;

namespace Harmonie.Engines.Tests.Filtering;

public sealed class TrackFilterComparerTests
{
    private static readonly TrackFilter Sample = new()
    {
        Bpm = new NumericRange(120, 130),
        Keys = ["A", "Bb"],
        Scale = "minor",
        Genres = ["Electronic"],
        Styles = ["House"],
        StyleMin = 0.5,
        StyleMode = StyleMatchMode.All,
    };

    [Fact]
    public void Filters_with_equal_lists_in_different_instances_are_equal()
    {
        var copy = Sample with { Keys = ["A", "Bb"], Genres = ["Electronic"], Styles = ["House"] };

        Assert.NotEqual(Sample, copy);
        Assert.Equal(Sample, copy, TrackFilterComparer.Instance);
        Assert.Equal(TrackFilterComparer.Instance.GetHashCode(Sample), TrackFilterComparer.Instance.GetHashCode(copy));
    }

    [Fact]
    public void Any_differing_field_makes_filters_unequal()
    {
        TrackFilter[] variants =
        [
            Sample with { Bpm = new NumericRange(120, 131) },
            Sample with { Danceability = new NumericRange(1, null) },
            Sample with { Keys = ["Bb", "A"] },
            Sample with { Scale = "major" },
            Sample with { Genres = ["Rock"] },
            Sample with { Styles = [] },
            Sample with { StyleMin = 0.4 },
            Sample with { StyleMode = StyleMatchMode.Any },
        ];

        Assert.All(variants, variant => Assert.NotEqual(Sample, variant, TrackFilterComparer.Instance));
    }

    [Fact]
    public void A_missing_range_equals_an_unbounded_one_and_null_scale_equals_empty()
    {
        var bare = new TrackFilter { Bpm = new NumericRange(null, null), Scale = string.Empty };

        Assert.Equal(TrackFilter.None, bare, TrackFilterComparer.Instance);
        Assert.Equal(TrackFilterComparer.Instance.GetHashCode(TrackFilter.None), TrackFilterComparer.Instance.GetHashCode(bare));
    }
}
