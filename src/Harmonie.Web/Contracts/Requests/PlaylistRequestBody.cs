using System.ComponentModel;

namespace Harmonie.Web.Contracts.Requests;

/// <summary>
/// The body of <c>POST /api/v1/playlists</c>, for the OpenAPI document. The handler parses the JSON itself
/// (lax coercion and field-named errors, as the original); a test checks that it reads every field here.
/// </summary>
public sealed record PlaylistRequestBody
{
    [Description("`similar`, `drift` or `vibe`.")]
    public required string Mode { get; init; }

    [Description("Tracks to return, 1-500 (default 20).")]
    public int? N { get; init; }

    [Description("Hard candidate-pool gate: the body form of the filter language.")]
    public FilterBody? Filter { get; init; }

    [Description("Soft penalty against same-artist clusters (default true).")]
    public bool? ArtistCooldown { get; init; }

    [Description("Skip tracks whose (artist, title) already appeared (default true).")]
    public bool? DedupeTitles { get; init; }

    [Description("similar, drift: pre-resolved seed track ids.")]
    public IReadOnlyList<long>? Seeds { get; init; }

    [Description("similar, drift: weights of the seeds, in order (default 1 each).")]
    public IReadOnlyList<double>? SeedWeights { get; init; }

    [Description("similar, drift: inline references resolved like /tracks/resolve.")]
    public IReadOnlyList<SeedRefBody>? SeedRefs { get; init; }

    [Description("similar, drift: include the seed tracks in the result (default false).")]
    public bool? IncludeSeeds { get; init; }

    [Description("similar, drift: constraints between consecutive picks.")]
    public SmoothTransitionsBody? SmoothTransitions { get; init; }

    [Description("Randomness of each pick, 0 (greedy, default) to 1.")]
    public double? Variation { get; init; }

    [Description("drift: tracks per anchor before re-anchoring on the last pick, 1-100 (default 5).")]
    public int? ChunkSize { get; init; }

    [Description("vibe: soft preferences.")]
    public VibeTargetBody? Target { get; init; }

    [Description("vibe: shuffle the pool before truncation (default true).")]
    public bool? Shuffle { get; init; }

    [Description("Seed for reproducible randomness; null = fresh.")]
    public long? RngSeed { get; init; }
}
