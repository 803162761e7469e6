using Harmonie.Analysis;

namespace Harmonie.Engines.Catalog;

/// <summary>A full analysis result to store for a file.</summary>
public sealed record TrackWrite
{
    public required TrackLocation Location { get; init; }

    public required long Size { get; init; }

    public required double Mtime { get; init; }

    public required AnalysisResult Result { get; init; }

    public required double AnalyzedAt { get; init; }

    public int DescriptorVersion { get; init; } = AnalysisVersions.Descriptors;

    public string Path => Location.Path;
}
