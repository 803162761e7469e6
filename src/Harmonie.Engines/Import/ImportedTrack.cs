using Harmonie.Analysis;
using Harmonie.Tracks;

namespace Harmonie.Engines.Import;

/// <summary>
/// One fully analysed row from another harmonie database, ready to store: <see cref="Track"/> carries the
/// source id and every column; <see cref="Embedding"/> is null when the source row had no usable vector
/// (the row is then stored without model and dimension, so the next scan analyses the file again).
/// </summary>
public sealed record ImportedTrack
{
    public required TrackRecord Track { get; init; }

    public TrackEmbedding? Embedding { get; init; }

    /// <summary>Why <see cref="Embedding"/> is null, for the import report.</summary>
    public string? MissingEmbeddingReason { get; init; }

    public long SourceId => Track.Id;
}
