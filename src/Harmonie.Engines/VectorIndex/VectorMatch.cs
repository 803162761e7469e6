namespace Harmonie.Engines.VectorIndex;

/// <summary>One search hit: a track id and its cosine similarity to the query (float64 dot of normalised vectors).</summary>
public readonly record struct VectorMatch(long Id, double Score)
{
    /// <summary>Result order: score descending, then id ascending (the tie rule that reproduces the original).</summary>
    public static int CompareBestFirst(VectorMatch x, VectorMatch y)
    {
        var byScore = y.Score.CompareTo(x.Score);
        return byScore != 0 ? byScore : x.Id.CompareTo(y.Id);
    }
}
