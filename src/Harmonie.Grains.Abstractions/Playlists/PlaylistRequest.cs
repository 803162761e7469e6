using Harmonie.Filtering;

namespace Harmonie.Playlists;

/// <summary>
/// The body of <c>POST /api/v1/playlists</c> for every mode. Fields a mode does not use are ignored
/// (as the original ignores unknown fields); <see cref="PlaylistRequestValidator"/> checks the domains.
/// </summary>
[GenerateSerializer, Immutable, Alias("harmonie.PlaylistRequest")]
public sealed record PlaylistRequest
{
    [Id(0)] public required PlaylistMode Mode { get; init; }

    /// <summary>Tracks to return, 1–500.</summary>
    [Id(1)] public int N { get; init; } = 20;

    /// <summary>Hard candidate gate; null or empty = the whole library.</summary>
    [Id(2)] public TrackFilter? Filter { get; init; }

    [Id(3)] public bool ArtistCooldown { get; init; } = true;

    [Id(4)] public bool DedupeTitles { get; init; } = true;

    /// <summary>Explicit seed track ids (similar, drift).</summary>
    [Id(5)] public IReadOnlyList<long> Seeds { get; init; } = [];

    /// <summary>Empty (every seed weighs 1) or one finite positive weight per entry of <see cref="Seeds"/>.</summary>
    [Id(6)] public IReadOnlyList<double> SeedWeights { get; init; } = [];

    [Id(7)] public IReadOnlyList<SeedReference> SeedRefs { get; init; } = [];

    /// <summary>0 = always the best candidate; up to 1 = random among candidates within 0.05·√variation of it.</summary>
    [Id(8)] public double Variation { get; init; }

    /// <summary>Seed of the request's random generator; null = fresh entropy.</summary>
    [Id(9)] public long? RngSeed { get; init; }

    [Id(10)] public bool IncludeSeeds { get; init; }

    [Id(11)] public SmoothTransitions SmoothTransitions { get; init; } = new();

    /// <summary>Drift: picks per anchor, 1–100.</summary>
    [Id(12)] public int ChunkSize { get; init; } = 5;

    /// <summary>Vibe: descriptor targets.</summary>
    [Id(13)] public VibeTarget Target { get; init; } = new();

    /// <summary>Vibe: shuffle the pool before picking.</summary>
    [Id(14)] public bool Shuffle { get; init; } = true;
}
