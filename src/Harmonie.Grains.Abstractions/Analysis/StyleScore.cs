namespace Harmonie.Analysis;

/// <summary>One stored style row: a Discogs-400 label <c>Genre---Style</c> and its probability.</summary>
[GenerateSerializer, Immutable, Alias("harmonie.StyleScore")]
public sealed record StyleScore([property: Id(0)] string Style, [property: Id(1)] double Probability);
