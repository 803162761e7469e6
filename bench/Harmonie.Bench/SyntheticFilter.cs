using System.Globalization;
using Harmonie.Filtering;

namespace Harmonie.Bench;

/// <summary>A "style + BPM range" filter over a <see cref="SyntheticCatalog"/>, with how many tracks it keeps (counted exactly).</summary>
public sealed record SyntheticFilter(string Style, double BpmMin, double BpmMax, int Kept, int WithStyle, int Size)
{
    public double KeptShare => Kept / (double)Size;

    public TrackFilter ToTrackFilter() => new() { Bpm = new NumericRange(BpmMin, BpmMax), Styles = [Style] };

    /// <summary>The URL form, e.g. <c>bpm=120.5..126&amp;style=House</c>.</summary>
    public string ToQuery() => string.Create(
        CultureInfo.InvariantCulture, $"bpm={BpmMin:R}..{BpmMax:R}&style={Uri.EscapeDataString(Style)}");

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"style={Style} ({WithStyle:N0} tracks) & bpm={BpmMin:R}..{BpmMax:R}: {Kept:N0} of {Size:N0} tracks ({KeptShare:P2})");
}
