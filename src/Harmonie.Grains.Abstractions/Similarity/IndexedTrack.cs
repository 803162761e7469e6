using Harmonie.Tracks;

namespace Harmonie.Similarity;

/// <summary>A track as the index holds it: its row and its unit vector (null when it has none in this index).</summary>
[GenerateSerializer, Immutable, Alias("harmonie.IndexedTrack")]
public sealed record IndexedTrack([property: Id(0)] TrackRecord Track, [property: Id(1)] float[]? Vector);
