using System.ComponentModel;

namespace Harmonie.Web.Contracts.Requests;

/// <summary>Soft preferences of mode vibe: tracks closer to these values rank higher.</summary>
public sealed record VibeTargetBody
{
    [Description("Preferred tempo in BPM.")]
    public double? Bpm { get; init; }

    [Description("Preferred danceability.")]
    public double? Danceability { get; init; }
}
