using System.ComponentModel;

namespace Harmonie.Web.Contracts.Requests;

/// <summary>An inline seed reference: a path and/or tags, resolved by the /tracks/resolve ladder; optional weight.</summary>
public sealed record SeedRefBody
{
    [Description("Absolute file path as stored.")]
    public string? Path { get; init; }

    [Description("Artist tag.")]
    public string? Artist { get; init; }

    [Description("Album tag.")]
    public string? Album { get; init; }

    [Description("Title tag.")]
    public string? Title { get; init; }

    [Description("Weight of this seed in the centroid (default 1).")]
    public double? Weight { get; init; }
}
