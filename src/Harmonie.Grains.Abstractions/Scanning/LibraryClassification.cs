namespace Harmonie.Scanning;

/// <summary>Outcome of classifying one root's files.</summary>
[GenerateSerializer, Immutable, Alias("harmonie.LibraryClassification")]
public sealed record LibraryClassification
{
    [Id(0)] public int Full { get; init; }

    [Id(1)] public int DescriptorsOnly { get; init; }

    [Id(2)] public int Skipped { get; init; }

    /// <summary>Rows re-pointed from an old root, by relative path and by fingerprint.</summary>
    [Id(3)] public int MovedByPath { get; init; }

    [Id(4)] public int MovedByFingerprint { get; init; }

    /// <summary>Files that could not even be examined (recorded as failures).</summary>
    [Id(5)] public int Failed { get; init; }
}
