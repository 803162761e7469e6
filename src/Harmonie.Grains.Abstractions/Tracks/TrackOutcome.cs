namespace Harmonie.Tracks;

/// <summary>How one analysis ended.</summary>
[GenerateSerializer, Immutable, Alias("harmonie.TrackOutcome")]
public sealed record TrackOutcome
{
    [Id(0)] public required TrackOutcomeKind Kind { get; init; }

    [Id(1)] public long? TrackId { get; init; }

    [Id(2)] public string? Error { get; init; }

    public static TrackOutcome Failed(string error) => new() { Kind = TrackOutcomeKind.Failed, Error = error };
}
