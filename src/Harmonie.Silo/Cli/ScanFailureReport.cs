using System.Text;
using Harmonie.Web.Contracts;

namespace Harmonie.Silo.Cli;

/// <summary>
/// The failures of a scan, split into new ones and those that failed the same way in the previous scan on an
/// unchanged file (same size and mtime): a library with a few corrupt files should not fail every scan.
/// </summary>
public sealed record ScanFailureReport(
    long ScanId,
    IReadOnlyList<ScanFailureResponse> New,
    IReadOnlyList<ScanFailureResponse> Repeated,
    long Total,
    long? PreviousScanId)
{
    private const int ShownLines = 20;

    public static ScanFailureReport Compare(ScanDetailResponse current, ScanDetailResponse? previous)
    {
        var before = (previous?.Failures ?? [])
            .Where(f => f.Size is not null && f.Mtime is not null)
            .Select(f => (f.Path, f.Size, f.Mtime))
            .ToHashSet();
        var repeated = current.Failures.Where(f => f.Size is not null && f.Mtime is not null && before.Contains((f.Path, f.Size, f.Mtime))).ToList();
        var fresh = current.Failures.Except(repeated).ToList();
        return new ScanFailureReport(current.Scan.Id, fresh, repeated, current.FailuresTotal, previous?.Scan.Id);
    }

    /// <summary>True when something failed that had not failed unchanged before (including failures beyond the fetched page).</summary>
    public bool HasNewFailures => New.Count > 0 || Total > New.Count + Repeated.Count;

    public string Format()
    {
        var text = new StringBuilder();
        if (New.Count > 0)
        {
            text.AppendLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Failed ({New.Count}):"));
            AppendLines(text, New);
        }

        if (Repeated.Count > 0)
        {
            text.AppendLine(string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"Still failing, unchanged since scan {PreviousScanId} ({Repeated.Count}):"));
            AppendLines(text, Repeated);
        }

        var listed = New.Count + Repeated.Count;
        if (Total > listed)
        {
            text.AppendLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"... {Total - listed} more failure(s) not fetched"));
        }

        text.Append(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Every failure: harmonie scans {ScanId}"));
        return text.ToString();
    }

    private static void AppendLines(StringBuilder text, IReadOnlyList<ScanFailureResponse> failures)
    {
        foreach (var failure in failures.Take(ShownLines))
        {
            text.Append("  ").Append(failure.Path).Append(": ").AppendLine(failure.Error);
        }

        if (failures.Count > ShownLines)
        {
            text.AppendLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"  ... and {failures.Count - ShownLines} more"));
        }
    }
}
