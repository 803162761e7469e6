namespace Harmonie.Scanning;

/// <summary>The live scan state served by <c>GET /scan</c>.</summary>
[GenerateSerializer, Immutable, Alias("harmonie.ScanStatus")]
public sealed record ScanStatus
{
    [Id(0)] public ScanState State { get; init; } = ScanState.Idle;

    [Id(1)] public ScanPhase Phase { get; init; } = ScanPhase.Idle;

    /// <summary>Unix seconds.</summary>
    [Id(2)] public double? StartedAt { get; init; }

    [Id(3)] public double? FinishedAt { get; init; }

    [Id(4)] public double? LastDurationSec { get; init; }

    [Id(5)] public string? LastError { get; init; }

    [Id(6)] public ScanCounters Counters { get; init; } = new();

    /// <summary>The most recent failures (at most 20), oldest first.</summary>
    [Id(7)] public IReadOnlyList<ScanFailure> RecentFailures { get; init; } = [];

    /// <summary>Id of the scan history row of the running or last scan.</summary>
    [Id(8)] public long? ScanId { get; init; }

    /// <summary>While scanning: the file that most recently finished analysis (for progress displays).</summary>
    [Id(9)] public string? LastFile { get; init; }
}
