using Harmonie.Tracks;

namespace Harmonie.Similarity;

/// <summary>A shard's answer to a filtered listing: how many rows matched and the first of them in list order.</summary>
[GenerateSerializer, Immutable, Alias("harmonie.TrackQueryResult")]
public sealed record TrackQueryResult([property: Id(0)] long Total, [property: Id(1)] IReadOnlyList<TrackRecord> Top);
