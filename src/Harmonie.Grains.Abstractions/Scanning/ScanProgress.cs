namespace Harmonie.Scanning;

/// <summary>Counter increments and new failures a library grain reports to the coordinator.</summary>
[GenerateSerializer, Immutable, Alias("harmonie.ScanProgress")]
public sealed record ScanProgress
{
    [Id(0)] public required long ScanId { get; init; }

    [Id(1)] public ScanCounters Delta { get; init; } = new();

    [Id(2)] public IReadOnlyList<ScanFailureRecord> Failures { get; init; } = [];

    /// <summary>The file that most recently finished analysis in this batch, if any.</summary>
    [Id(3)] public string? LastFile { get; init; }

    /// <summary>The coordinator's run of the scan these results belong to (a resumed scan is a new run).</summary>
    [Id(4)] public int Attempt { get; init; }
}
