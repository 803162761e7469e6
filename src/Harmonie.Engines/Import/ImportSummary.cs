namespace Harmonie.Engines.Import;

/// <summary>What an import stored. Ids are either all kept (<see cref="KeptIds"/>) or listed in <see cref="IdChanges"/>.</summary>
public sealed record ImportSummary
{
    public required int Imported { get; init; }

    /// <summary>True when the catalog had no tracks, so every imported row kept its source id.</summary>
    public required bool KeptIds { get; init; }

    /// <summary>Old → new id of every imported row, in source id order; empty when ids were kept.</summary>
    public IReadOnlyList<ImportIdChange> IdChanges { get; init; } = [];

    /// <summary>Imported rows per embedding model (rows without an embedding are not counted here).</summary>
    public IReadOnlyDictionary<string, long> ByModel { get; init; } = new Dictionary<string, long>();

    public int StyleRows { get; init; }

    public int StyleVectors { get; init; }

    /// <summary>Rows stored without an embedding, with the reason; the next scan analyses their files.</summary>
    public IReadOnlyList<ImportRowNote> WithoutEmbedding { get; init; } = [];

    /// <summary>Source rows not imported (their path is already in the catalog), with the reason.</summary>
    public IReadOnlyList<ImportRowNote> Skipped { get; init; } = [];
}
