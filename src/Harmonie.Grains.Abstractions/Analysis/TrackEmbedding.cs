namespace Harmonie.Analysis;

/// <summary>
/// A track's embedding under one model, and (for the Discogs-EffNet model) the 400 mean style
/// probabilities in the head's label order.
/// </summary>
[GenerateSerializer, Immutable, Alias("harmonie.TrackEmbedding")]
public sealed record TrackEmbedding(
    [property: Id(0)] string Model,
    [property: Id(1)] float[] Vector,
    [property: Id(2)] float[]? StyleActivations = null)
{
    public int Dimension => Vector.Length;
}
