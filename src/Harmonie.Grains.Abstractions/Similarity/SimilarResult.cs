namespace Harmonie.Similarity;

/// <summary>The answer to <c>/tracks/{id}/similar</c>; <see cref="Found"/> is false for an unknown track.</summary>
[GenerateSerializer, Immutable, Alias("harmonie.SimilarResult")]
public sealed record SimilarResult([property: Id(0)] bool Found, [property: Id(1)] IReadOnlyList<SimilarMatch> Matches);
