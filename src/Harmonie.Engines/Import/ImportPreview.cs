namespace Harmonie.Engines.Import;

/// <summary>What a validation pass over a source found: every row readable, these counts.</summary>
public sealed record ImportPreview(int SchemaVersion, long Tracks, IReadOnlyDictionary<string, long> ByModel, long WithoutEmbedding);
