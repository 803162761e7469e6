namespace Harmonie.Scanning;

/// <summary>One scan with (a page of) its failures.</summary>
[GenerateSerializer, Immutable, Alias("harmonie.ScanDetail")]
public sealed record ScanDetail(
    [property: Id(0)] ScanRecord Scan,
    [property: Id(1)] IReadOnlyList<ScanFailureRecord> Failures,
    [property: Id(2)] long FailuresTotal);
