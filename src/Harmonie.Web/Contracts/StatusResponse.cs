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

    /// <summary>The silo that answered (extension).</summary>
    public required string Silo { get; init; }

    /// <summary>Analyses that silo has completed since it started (extension).</summary>
    public required long SiloAnalyses { get; init; }

    /// <summary>Each configured root: reachable from the answering silo, and its track count (extension).</summary>
    public required IReadOnlyList<LibraryRootResponse> LibraryRoots { get; init; }

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
        Silo = s.Silo,
        SiloAnalyses = s.SiloAnalyses,
        LibraryRoots = [.. s.LibraryRoots.Select(r => new LibraryRootResponse(r.Path, r.Reachable, r.Tracks))],
    };
}
