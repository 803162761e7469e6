using Harmonie.Tracks;

namespace Harmonie.Playlists;

/// <summary>One entry of <c>seed_refs</c>: a track known by path and/or tags, with an optional seed weight (default 1).</summary>
[GenerateSerializer, Immutable, Alias("harmonie.SeedReference")]
public sealed record SeedReference
{
    [Id(0)] public required TrackReference Reference { get; init; }

    [Id(1)] public double? Weight { get; init; }
}
