using Harmonie.Catalog;

namespace Harmonie.Web.Contracts;

/// <summary>API.md "Service status", plus <c>embedding_model</c> (the model new analyses use).</summary>
public sealed record StatusResponse
{
    public required string Version { get; init; }

    public required int EmbeddingDim { get; init; }

    public required string EmbeddingModel { get; init; }

    public required IReadOnlyList<string> Libraries { get; init; }

    public required int Workers { get; init; }

    public required string DbPath { get; init; }

    public required int SchemaVersion { get; init; }

    public required int DescriptorVersion { get; init; }

    public required long Tracks { get; init; }

    public required double TotalDurationSec { get; init; }

    /// <summary>Sum of the analysed files' sizes (extension).</summary>
    public required long TotalBytes { get; init; }

    public required long DbSizeBytes { get; init; }

    public required IReadOnlyDictionary<string, long> ByModel { get; init; }

    public static StatusResponse From(ServiceStatus s) => new()
    {
        Version = s.Version,
        EmbeddingDim = s.EmbeddingDim,
        EmbeddingModel = s.EmbeddingModel,
        Libraries = s.Libraries,
        Workers = s.Workers,
        DbPath = s.Stats.DbPath,
        SchemaVersion = s.Stats.SchemaVersion,
        DescriptorVersion = s.DescriptorVersion,
        Tracks = s.Stats.Tracks,
        TotalDurationSec = s.Stats.TotalDurationSec,
        TotalBytes = s.Stats.TotalBytes,
        DbSizeBytes = s.Stats.DbSizeBytes,
        ByModel = s.Stats.ByModel,
    };
}
