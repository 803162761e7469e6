using Harmonie.Analysis;
using Harmonie.Tracks;

namespace Harmonie.Grains.Tests.Infrastructure;

/// <summary>Compares catalog rows by value (a record compares its style list by reference).</summary>
public static class TrackAssert
{
    private static readonly StyleScore[] NoStyles = [];

    public static void Equal(TrackRecord expected, TrackRecord actual)
    {
        Assert.Equal(expected with { Styles = NoStyles }, actual with { Styles = NoStyles });
        Assert.Equal(expected.Styles, actual.Styles);
    }
}
