using Harmonie.Scanning;

namespace Harmonie.Web.Contracts;

/// <summary>A scan history row (extension: <c>GET /api/v1/scans</c>).</summary>
public sealed record ScanHistoryResponse
{
    public required long Id { get; init; }

    public required double StartedAt { get; init; }

    public double? FinishedAt { get; init; }

    public double? DurationSec { get; init; }

    public long Discovered { get; init; }

    public long Full { get; init; }

    public long DescriptorsOnly { get; init; }

    public long Skipped { get; init; }

    public long Failed { get; init; }

    public long Removed { get; init; }

    public required int Workers { get; init; }

    public required string Backend { get; init; }

    public required string Model { get; init; }

    public required bool Forced { get; init; }

    public required string HarmonieVersion { get; init; }

    public required int DescriptorVersion { get; init; }

    public required string State { get; init; }

    public string? LastError { get; init; }

    public static ScanHistoryResponse From(ScanRecord s) => new()
    {
        Id = s.Id,
        StartedAt = s.StartedAt,
        FinishedAt = s.FinishedAt,
        DurationSec = s.DurationSec,
        Discovered = s.Counters.Discovered,
        Full = s.Counters.Full,
        DescriptorsOnly = s.Counters.DescriptorsOnly,
        Skipped = s.Counters.Skipped,
        Failed = s.Counters.Failed,
        Removed = s.Counters.Removed,
        Workers = s.Workers,
        Backend = s.Backend,
        Model = s.Model,
        Forced = s.Forced,
        HarmonieVersion = s.HarmonieVersion,
        DescriptorVersion = s.DescriptorVersion,
        State = s.State,
        LastError = s.LastError,
    };
}
