namespace Harmonie.Scanning;

/// <summary>A row of the scan history (<c>harmonie scans</c>).</summary>
[GenerateSerializer, Immutable, Alias("harmonie.ScanRecord")]
public sealed record ScanRecord
{
    [Id(0)] public long Id { get; init; }

    [Id(1)] public required double StartedAt { get; init; }

    [Id(2)] public double? FinishedAt { get; init; }

    [Id(3)] public double? DurationSec { get; init; }

    [Id(4)] public ScanCounters Counters { get; init; } = new();

    [Id(5)] public required int Workers { get; init; }

    [Id(6)] public required string Backend { get; init; }

    [Id(7)] public required string Model { get; init; }

    [Id(8)] public required bool Forced { get; init; }

    [Id(9)] public required string HarmonieVersion { get; init; }

    [Id(10)] public required int DescriptorVersion { get; init; }

    /// <summary><c>running</c>, <c>completed</c>, <c>crashed</c> or <c>cancelled</c>.</summary>
    [Id(11)] public required string State { get; init; }

    [Id(12)] public string? LastError { get; init; }
}
