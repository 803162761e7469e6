namespace Harmonie.Tracks;

/// <summary>
/// What a track grain tells the index after writing the catalog: the new row (null when the track is gone)
/// and its embedding (null when it did not change, e.g. a descriptor refresh or a relocation).
/// </summary>
[GenerateSerializer, Immutable, Alias("harmonie.TrackChange")]
public sealed record TrackChange([property: Id(0)] long TrackId, [property: Id(1)] TrackRecord? Track, [property: Id(2)] float[]? Vector = null);
