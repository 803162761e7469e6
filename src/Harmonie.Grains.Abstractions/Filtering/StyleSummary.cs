namespace Harmonie.Filtering;

/// <summary>One row of <c>/styles</c>: a full <c>Genre---Style</c> label with its stored style rows.</summary>
[GenerateSerializer, Immutable, Alias("harmonie.StyleSummary")]
public sealed record StyleSummary(
    [property: Id(0)] string Style,
    [property: Id(1)] long TrackCount,
    [property: Id(2)] double MeanProbability,
    [property: Id(3)] double MaxProbability);
