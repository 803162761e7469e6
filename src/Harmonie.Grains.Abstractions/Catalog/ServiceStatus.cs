namespace Harmonie.Catalog;

/// <summary>Configuration plus library counters, as <c>GET /status</c> shows them.</summary>
[GenerateSerializer, Immutable, Alias("harmonie.ServiceStatus")]
public sealed record ServiceStatus
{
    [Id(0)] public required string Version { get; init; }

    /// <summary>Dimension of the embedding model the service currently produces.</summary>
    [Id(1)] public required int EmbeddingDim { get; init; }

    [Id(2)] public required string EmbeddingModel { get; init; }

    [Id(3)] public required IReadOnlyList<string> Libraries { get; init; }

    [Id(4)] public required int Workers { get; init; }

    [Id(5)] public required int DescriptorVersion { get; init; }

    [Id(6)] public required CatalogStats Stats { get; init; }

    /// <summary>The silo that answered (its Orleans identity).</summary>
    [Id(7)] public required string Silo { get; init; }

    /// <summary>Analyses this silo has completed since it started.</summary>
    [Id(8)] public required long SiloAnalyses { get; init; }

    /// <summary>Each configured root with its reachability from the answering silo and its track count.</summary>
    [Id(9)] public IReadOnlyList<LibraryRootStatus> LibraryRoots { get; init; } = [];
}
