namespace Harmonie.Tracks;

/// <summary>Paging, order and model restriction of a track listing.</summary>
[GenerateSerializer, Immutable, Alias("harmonie.TrackListQuery")]
public sealed record TrackListQuery
{
    [Id(0)] public int Limit { get; init; } = 100;

    [Id(1)] public int Offset { get; init; }

    [Id(2)] public TrackOrder OrderBy { get; init; } = TrackOrder.Id;

    [Id(3)] public string? Model { get; init; }
}
