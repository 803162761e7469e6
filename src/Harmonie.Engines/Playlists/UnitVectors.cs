using System.Numerics.Tensors;

namespace Harmonie.Engines.Playlists;

/// <summary>
/// L2 normalisation and dot products as the original's similarity index does them (BEHAVIOUR.md §5): the norm
/// is floored at 1e-12 so an all-zero vector stays zero and scores 0 against anything (never NaN); scores are
/// accumulated in float64.
/// </summary>
public static class UnitVectors
{
    public const double NormFloor = 1e-12;

    /// <summary>A float32 unit vector (as the index stores rows), computed in float64.</summary>
    public static float[] Normalise(ReadOnlySpan<float> vector)
    {
        var norm = 0.0;
        foreach (var value in vector)
        {
            norm += (double)value * value;
        }

        var scale = 1.0 / Math.Max(Math.Sqrt(norm), NormFloor);
        var unit = new float[vector.Length];
        for (var i = 0; i < unit.Length; i++)
        {
            unit[i] = (float)(vector[i] * scale);
        }

        return unit;
    }

    /// <summary>Normalises in place and returns the same array.</summary>
    public static double[] NormaliseInPlace(double[] vector)
    {
        var norm = Math.Sqrt(TensorPrimitives.Dot<double>(vector, vector));
        TensorPrimitives.Divide(vector, Math.Max(norm, NormFloor), vector);
        return vector;
    }

    public static double[] Widen(ReadOnlySpan<float> vector)
    {
        var wide = new double[vector.Length];
        for (var i = 0; i < wide.Length; i++)
        {
            wide[i] = vector[i];
        }

        return wide;
    }

    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => TensorPrimitives.Dot(a, b);
}
