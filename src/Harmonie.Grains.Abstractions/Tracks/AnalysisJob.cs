using Harmonie.Analysis;

namespace Harmonie.Tracks;

/// <summary>A file to analyse and what the scan already knows about it.</summary>
[GenerateSerializer, Immutable, Alias("harmonie.AnalysisJob")]
public sealed record AnalysisJob
{
    [Id(0)] public required AnalysisKind Kind { get; init; }

    [Id(1)] public required long Size { get; init; }

    [Id(2)] public required double Mtime { get; init; }

    [Id(3)] public string? LibraryRoot { get; init; }

    [Id(4)] public string? RelativePath { get; init; }
}
