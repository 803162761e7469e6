namespace Harmonie.Scanning;

/// <summary>What classification needs beyond the enumerated files.</summary>
[GenerateSerializer, Immutable, Alias("harmonie.ClassifyRequest")]
public sealed record ClassifyRequest
{
    [Id(0)] public required bool Force { get; init; }

    /// <summary>The embedding model this service currently produces.</summary>
    [Id(1)] public required string Model { get; init; }

    [Id(2)] public required int DescriptorVersion { get; init; }

    /// <summary>Library roots of stored rows that are no longer configured (relocation candidates).</summary>
    [Id(3)] public IReadOnlyList<string> OrphanedRoots { get; init; } = [];

    /// <summary>Every configured root, resolved (so relocation never takes rows of a configured root).</summary>
    [Id(4)] public IReadOnlyList<string> ConfiguredRoots { get; init; } = [];
}
