namespace Harmonie.Analysis;

/// <summary>Everything the analyser extracted from one file.</summary>
[GenerateSerializer, Immutable, Alias("harmonie.AnalysisResult")]
public sealed record AnalysisResult
{
    [Id(0)] public required double Duration { get; init; }

    [Id(1)] public required TrackTags Tags { get; init; }

    [Id(2)] public required AudioDescriptors Descriptors { get; init; }

    /// <summary>Null for a descriptors-only analysis.</summary>
    [Id(3)] public TrackEmbedding? Embedding { get; init; }

    /// <summary>Stored style rows (top ≤ 10 labels with probability ≥ 0.05), empty without a style head.</summary>
    [Id(5)] public IReadOnlyList<StyleScore> Styles { get; init; } = [];

    /// <summary>Content fingerprint (BEHAVIOUR.md §2.6); null if the file vanished.</summary>
    [Id(4)] public string? Fingerprint { get; init; }
}
