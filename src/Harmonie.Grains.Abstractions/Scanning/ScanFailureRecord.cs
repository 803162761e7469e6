namespace Harmonie.Scanning;

/// <summary>A failure row of the scan history.</summary>
[GenerateSerializer, Immutable, Alias("harmonie.ScanFailureRecord")]
public sealed record ScanFailureRecord
{
    [Id(0)] public required long ScanId { get; init; }

    [Id(1)] public required string Path { get; init; }

    [Id(2)] public required string Error { get; init; }

    [Id(3)] public required double FailedAt { get; init; }

    [Id(4)] public long? Size { get; init; }

    [Id(5)] public double? Mtime { get; init; }
}
