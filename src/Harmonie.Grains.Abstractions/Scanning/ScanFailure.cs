namespace Harmonie.Scanning;

/// <summary>A file that could not be analysed, and why.</summary>
[GenerateSerializer, Immutable, Alias("harmonie.ScanFailure")]
public sealed record ScanFailure([property: Id(0)] string Path, [property: Id(1)] string Error);
