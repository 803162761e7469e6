using Harmonie.Analysis;

namespace Harmonie.Tracks;

/// <summary>A catalog row: everything the API shows about a track (the embedding and style vector are stored apart).</summary>
[GenerateSerializer, Immutable, Alias("harmonie.TrackRecord")]
public sealed record TrackRecord
{
    [Id(0)] public required long Id { get; init; }

    /// <summary>The path as walked under its library root (not symlink-resolved).</summary>
    [Id(1)] public required string Path { get; init; }

    [Id(2)] public string? LibraryRoot { get; init; }

    [Id(3)] public string? RelativePath { get; init; }

    [Id(4)] public required long Size { get; init; }

    /// <summary>File modification time, Unix seconds.</summary>
    [Id(5)] public required double Mtime { get; init; }

    [Id(6)] public required double Duration { get; init; }

    [Id(7)] public string? Model { get; init; }

    [Id(8)] public int? EmbeddingDim { get; init; }

    [Id(9)] public required int DescriptorVersion { get; init; }

    [Id(10)] public TrackTags Tags { get; init; } = new();

    [Id(11)] public AudioDescriptors Descriptors { get; init; } = new();

    /// <summary>Stored style rows, highest probability first.</summary>
    [Id(12)] public IReadOnlyList<StyleScore> Styles { get; init; } = [];

    /// <summary>Unix seconds of the last full or descriptor extraction.</summary>
    [Id(13)] public required double AnalyzedAt { get; init; }

    [Id(14)] public string? Fingerprint { get; init; }
}
