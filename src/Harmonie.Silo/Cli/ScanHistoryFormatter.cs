using System.Globalization;
using System.Text;
using Harmonie.Web.Contracts;

namespace Harmonie.Silo.Cli;

/// <summary>Human-readable scan history for <c>harmonie scans</c>.</summary>
public static class ScanHistoryFormatter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string List(IReadOnlyList<ScanHistoryResponse> scans, long total)
    {
        if (total == 0)
        {
            return "No scans recorded yet.";
        }

        var text = new StringBuilder();
        text.AppendLine(Invariant, $"{"ID",5}  {"Started",-19}  {"Duration",9}  {"Full",6}  {"Skip",6}  {"Fail",5}  State");
        foreach (var s in scans)
        {
            text.AppendLine(Invariant, $"{s.Id,5}  {Time(s.StartedAt),-19}  {Duration(s.DurationSec),9}  {s.Full,6}  {s.Skipped,6}  {s.Failed,5}  {s.State}");
        }

        text.AppendLine();
        text.Append(Invariant, $"{scans.Count} of {total} scan(s).");
        return text.ToString();
    }

    public static string Detail(ScanDetailResponse detail)
    {
        var s = detail.Scan;
        var text = new StringBuilder();
        text.AppendLine(Invariant, $"Scan #{s.Id}");
        text.AppendLine(Invariant, $"  Started:        {Time(s.StartedAt)}");
        text.AppendLine(Invariant, $"  Finished:       {(s.FinishedAt is { } f ? Time(f) : "—")}");
        text.AppendLine(Invariant, $"  Duration:       {Duration(s.DurationSec)}");
        text.AppendLine(Invariant, $"  Workers:        {s.Workers}");
        text.AppendLine(Invariant, $"  Backend:        {s.Backend}");
        text.AppendLine(Invariant, $"  Model:          {s.Model}");
        text.AppendLine(Invariant, $"  Forced:         {(s.Forced ? "yes" : "no")}");
        text.AppendLine(Invariant, $"  Version:        {s.HarmonieVersion}");
        text.AppendLine(Invariant, $"  Descriptor v:   {s.DescriptorVersion}");
        text.AppendLine(Invariant, $"  State:          {s.State}");
        if (s.LastError is not null)
        {
            text.AppendLine(Invariant, $"  Last error:     {s.LastError}");
        }

        text.AppendLine("Counters:");
        text.AppendLine(Invariant, $"  Discovered: {s.Discovered}   Full: {s.Full}   Descriptors-only: {s.DescriptorsOnly}   Skipped: {s.Skipped}   Failed: {s.Failed}   Removed: {s.Removed}");
        text.AppendLine(Invariant, $"Failures ({detail.FailuresTotal}):");
        foreach (var failure in detail.Failures)
        {
            text.AppendLine(Invariant, $"  {failure.Path}");
            text.AppendLine(Invariant, $"    Error: {failure.Error}");
            text.AppendLine(Invariant, $"    At:    {Time(failure.FailedAt)}");
        }

        return text.ToString().TrimEnd();
    }

    private static string Time(double unixSeconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)(unixSeconds * 1000)).ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", Invariant);

    private static string Duration(double? seconds)
    {
        if (seconds is not { } value)
        {
            return "—";
        }

        var span = TimeSpan.FromSeconds(value);
        return span.TotalHours >= 1 ? span.ToString(@"h\:mm\:ss", Invariant) : span.ToString(@"m\:ss", Invariant);
    }
}
