namespace Harmonie.TestSupport;

/// <summary>Cosine similarity in float64, the plain formula tests compare the index's scores with.</summary>
public static class ReferenceCosine
{
    public static double Of(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * (double)b[i];
            na += a[i] * (double)a[i];
            nb += b[i] * (double)b[i];
        }

        return dot / Math.Sqrt(na * nb);
    }
}
