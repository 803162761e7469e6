namespace Harmonie.Catalog;

/// <summary>One configured library root as <c>/status</c> shows it: can this silo read it, and how many tracks it has.</summary>
[GenerateSerializer, Immutable, Alias("harmonie.LibraryRootStatus")]
public sealed record LibraryRootStatus(
    [property: Id(0)] string Path,
    [property: Id(1)] bool Reachable,
    [property: Id(2)] long Tracks);
