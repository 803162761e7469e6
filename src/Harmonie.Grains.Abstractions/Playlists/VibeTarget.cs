namespace Harmonie.Playlists;

/// <summary>The <c>target</c> block of vibe mode: soft preferences that rank the filtered pool.</summary>
[GenerateSerializer, Immutable, Alias("harmonie.VibeTarget")]
public sealed record VibeTarget
{
    [Id(0)] public double? Bpm { get; init; }

    [Id(1)] public double? Danceability { get; init; }

    public bool IsEmpty => Bpm is null && Danceability is null;
}
