using System.Numerics;
using System.Numerics.Tensors;

namespace Harmonie.Engines.VectorIndex;

/// <summary>Normalisation and the exact float64 similarity every returned score comes from.</summary>
internal static class VectorMath
{
    /// <summary>The original floors the norm so an all-zero vector stays zero (and scores 0, never NaN).</summary>
    public const double MinimumNorm = 1e-12;

    /// <summary>Writes <paramref name="source"/> / max(‖source‖, 1e-12) into <paramref name="destination"/>.</summary>
    public static void Normalise(ReadOnlySpan<float> source, Span<float> destination)
    {
        if (!TensorPrimitives.IsFiniteAll(source))
        {
            throw new ArgumentException("The vector contains NaN or infinite components.", nameof(source));
        }

        var norm = Math.Sqrt(Dot(source, source));
        var scale = 1.0 / Math.Max(norm, MinimumNorm);
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = (float)(source[i] * scale);
        }
    }

    /// <summary>Dot product of two float32 vectors accumulated in float64 (how the original computed scores).</summary>
    public static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException("Vectors differ in length.", nameof(b));
        }

        var sum0 = Vector<double>.Zero;
        var sum1 = Vector<double>.Zero;
        var i = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<float>.Count)
        {
            var width = Vector<float>.Count;
            for (; i <= a.Length - width; i += width)
            {
                Vector.Widen(new Vector<float>(a[i..]), out var aLow, out var aHigh);
                Vector.Widen(new Vector<float>(b[i..]), out var bLow, out var bHigh);
                sum0 += aLow * bLow;
                sum1 += aHigh * bHigh;
            }
        }

        var sum = Vector.Sum(sum0 + sum1);
        for (; i < a.Length; i++)
        {
            sum += (double)a[i] * b[i];
        }

        return sum;
    }
}
