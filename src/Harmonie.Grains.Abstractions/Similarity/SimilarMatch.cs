using Harmonie.Tracks;

namespace Harmonie.Similarity;

/// <summary>A neighbour and its cosine similarity to the query.</summary>
[GenerateSerializer, Immutable, Alias("harmonie.SimilarMatch")]
public sealed record SimilarMatch([property: Id(0)] TrackRecord Track, [property: Id(1)] double Score);
