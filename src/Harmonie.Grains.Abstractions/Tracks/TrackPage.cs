namespace Harmonie.Tracks;

/// <summary>One page of a track listing and the number of tracks that matched before paging.</summary>
[GenerateSerializer, Immutable, Alias("harmonie.TrackPage")]
public sealed record TrackPage(
    [property: Id(0)] IReadOnlyList<TrackRecord> Items,
    [property: Id(1)] long Total);
