using Harmonie.Scanning;

namespace Harmonie.Web.Contracts;

/// <summary>API.md "Scan state". <c>recent_failures</c> is a list of <c>[path, error]</c> pairs.</summary>
public sealed record ScanStateResponse
{
    public required string State { get; init; }

    public required string Phase { get; init; }

    public double? StartedAt { get; init; }

    public double? FinishedAt { get; init; }

    public double? LastDurationSec { get; init; }

    public string? LastError { get; init; }

    public long Discovered { get; init; }

    public long Full { get; init; }

    public long DescriptorsOnly { get; init; }

    public long Skipped { get; init; }

    public long Failed { get; init; }

    public long Removed { get; init; }

    public required IReadOnlyList<string[]> RecentFailures { get; init; }

    /// <summary>The scan history id of the running or last scan (extension): <c>GET /api/v1/scans/{id}</c>.</summary>
    public long? ScanId { get; init; }

    /// <summary>While scanning, the file that most recently finished analysis (extension).</summary>
    public string? LastFile { get; init; }

    public static ScanStateResponse From(ScanStatus s) => new()
    {
        State = s.State.ToString().ToLowerInvariant(),
        Phase = s.Phase.ToString().ToLowerInvariant(),
        StartedAt = s.StartedAt,
        FinishedAt = s.FinishedAt,
        LastDurationSec = s.LastDurationSec,
        LastError = s.LastError,
        Discovered = s.Counters.Discovered,
        Full = s.Counters.Full,
        DescriptorsOnly = s.Counters.DescriptorsOnly,
        Skipped = s.Counters.Skipped,
        Failed = s.Counters.Failed,
        Removed = s.Counters.Removed,
        RecentFailures = [.. s.RecentFailures.Select(f => new[] { f.Path, f.Error })],
        ScanId = s.ScanId,
        LastFile = s.LastFile,
    };
}
