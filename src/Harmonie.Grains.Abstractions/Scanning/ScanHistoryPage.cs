namespace Harmonie.Scanning;

[GenerateSerializer, Immutable, Alias("harmonie.ScanHistoryPage")]
public sealed record ScanHistoryPage([property: Id(0)] IReadOnlyList<ScanRecord> Items, [property: Id(1)] long Total);
