namespace Harmonie.Filtering;

/// <summary>
/// One row of <c>/genres</c>: a Discogs genre (left of <c>---</c>) with the stored style rows under it.
/// <see cref="TrackCount"/> counts style rows, so a track with two styles of the genre counts twice.
/// </summary>
[GenerateSerializer, Immutable, Alias("harmonie.GenreSummary")]
public sealed record GenreSummary(
    [property: Id(0)] string Genre,
    [property: Id(1)] long TrackCount,
    [property: Id(2)] int StyleCount,
    [property: Id(3)] double MeanProbability,
    [property: Id(4)] double MaxProbability);
