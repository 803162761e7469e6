namespace Harmonie.Filtering;

/// <summary>
/// A mergeable partial of the style statistics for one label: what a shard returns so that the caller can add
/// up several shards before computing means (sum and count merge exactly; a mean does not).
/// </summary>
[GenerateSerializer, Immutable, Alias("harmonie.StyleTally")]
public sealed record StyleTally(
    [property: Id(0)] string Style,
    [property: Id(1)] long RowCount,
    [property: Id(2)] double ProbabilitySum,
    [property: Id(3)] double MaxProbability);
