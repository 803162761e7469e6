using System.ComponentModel;

namespace Harmonie.Web.Contracts.Requests;

/// <summary>The body form of the filter language (<c>filter</c> of a playlist request).</summary>
public sealed record FilterBody
{
    [Description("Tempo range in BPM.")]
    public RangeBody? Bpm { get; init; }

    [Description("Danceability range.")]
    public RangeBody? Danceability { get; init; }

    [Description("ReplayGain loudness range in dB.")]
    public RangeBody? Loudness { get; init; }

    [Description("Pitch classes, any of.")]
    public IReadOnlyList<string>? Key { get; init; }

    [Description("`major` or `minor`.")]
    public string? Scale { get; init; }

    [Description("Discogs genres (left side of Genre---Style), any of.")]
    public IReadOnlyList<string>? Genre { get; init; }

    [Description("Discogs styles (right side of Genre---Style), any of.")]
    public IReadOnlyList<string>? Style { get; init; }

    [Description("Minimum classifier probability for a style row to count, 0.0-1.0.")]
    public double? StyleMin { get; init; }

    [Description("`any` (default) or `all` of the genre/style constraints.")]
    public string? StyleMode { get; init; }
}
