using System.ComponentModel;

namespace Harmonie.Web.Contracts.Requests;

/// <summary>Constraints between consecutive picks.</summary>
public sealed record SmoothTransitionsBody
{
    [Description("Maximum BPM gap between consecutive picks; lenient on missing BPMs.")]
    public double? BpmTolerance { get; init; }

    [Description("Only harmonically compatible keys in a row (Camelot wheel); tracks without a key are dropped.")]
    public bool? KeyCompatible { get; init; }
}
