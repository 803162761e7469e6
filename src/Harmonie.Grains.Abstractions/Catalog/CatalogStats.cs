namespace Harmonie.Catalog;

/// <summary>Library counters for <c>/status</c> and <c>harmonie status</c>.</summary>
[GenerateSerializer, Immutable, Alias("harmonie.CatalogStats")]
public sealed record CatalogStats
{
    [Id(0)] public required long Tracks { get; init; }

    [Id(1)] public required double TotalDurationSec { get; init; }

    [Id(2)] public required long TotalBytes { get; init; }

    /// <summary>Track count per embedding model, ordered by model name.</summary>
    [Id(3)] public required IReadOnlyDictionary<string, long> ByModel { get; init; }

    [Id(4)] public required string DbPath { get; init; }

    [Id(5)] public required long DbSizeBytes { get; init; }

    [Id(6)] public required int SchemaVersion { get; init; }

    /// <summary>Track count per library root (roots with tracks only), ordered by path.</summary>
    [Id(7)] public IReadOnlyDictionary<string, long> ByRoot { get; init; } = new Dictionary<string, long>();
}
