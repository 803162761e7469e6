using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Harmonie.Engines.Playlists;

/// <summary>
/// L2 normalisation and dot products as the original's similarity index does them (BEHAVIOUR.md §5): the norm
/// is floored at 1e-12 so an all-zero vector stays zero and scores 0 against anything (never NaN); rows are
/// stored as float32 and scores are accumulated in float64.
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

    /// <summary>
    /// The float64 dot product of a float32 row with a float64 query. Rows are widened in registers, so a
    /// library's rows stay float32 in memory (half the bandwidth of float64 copies) with float64 arithmetic.
    /// Every caller scores through this one function, so a source and the engine agree to the last bit.
    /// </summary>
    public static double Dot(ReadOnlySpan<float> row, ReadOnlySpan<double> query)
    {
        if (row.Length != query.Length)
        {
            throw new ArgumentException($"Vector lengths differ: {row.Length} and {query.Length}.", nameof(query));
        }

        // Four independent accumulators keep the multiply-adds from waiting on each other.
        Vector<double> sum0 = default, sum1 = default, sum2 = default, sum3 = default;
        var i = 0;
        if (Vector.IsHardwareAccelerated && row.Length >= Vector<float>.Count)
        {
            var rows = MemoryMarshal.Cast<float, Vector<float>>(row);
            var queries = MemoryMarshal.Cast<double, Vector<double>>(query);
            var v = 0;
            for (; v + 1 < rows.Length; v += 2)
            {
                Vector.Widen(rows[v], out var low0, out var high0);
                Vector.Widen(rows[v + 1], out var low1, out var high1);
                sum0 += low0 * queries[2 * v];
                sum1 += high0 * queries[(2 * v) + 1];
                sum2 += low1 * queries[(2 * v) + 2];
                sum3 += high1 * queries[(2 * v) + 3];
            }

            if (v < rows.Length)
            {
                Vector.Widen(rows[v], out var low, out var high);
                sum0 += low * queries[2 * v];
                sum1 += high * queries[(2 * v) + 1];
            }

            i = rows.Length * Vector<float>.Count;
        }

        var total = Vector.Sum((sum0 + sum1) + (sum2 + sum3));
        for (; i < row.Length; i++)
        {
            total += row[i] * query[i];
        }

        return total;
    }
}
