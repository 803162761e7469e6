using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Harmonie.Engines.VectorIndex;

/// <summary>
/// Symmetric int8 codes of a vector (one scale per vector), for a scan that reads a quarter of the float32 bytes.
/// Their dot products only rank candidates; every returned score is recomputed exactly from the float32 rows.
/// </summary>
internal static class Int8Codes
{
    private const int StackLimit = 4096;

    /// <summary>Writes round(x / scale) with scale = max|x| / 127 into <paramref name="codes"/>; returns the scale (0 for a zero vector).</summary>
    public static float Encode(ReadOnlySpan<float> source, Span<sbyte> codes)
    {
        var maxAbs = source.IsEmpty ? 0f : Math.Abs(TensorPrimitives.MaxMagnitude(source));
        if (maxAbs == 0f)
        {
            codes.Clear();
            return 0f;
        }

        // |x| · 127 / max|x| ≤ 127, so rounding and a saturating conversion give every code in [-127, 127].
        var scaled = source.Length <= StackLimit ? stackalloc float[source.Length] : new float[source.Length];
        TensorPrimitives.Multiply(source, 127f / maxAbs, scaled);
        TensorPrimitives.Round(scaled, scaled);
        TensorPrimitives.ConvertSaturating<float, sbyte>(scaled, codes);
        return maxAbs / 127f;
    }

    public static int Dot(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException("Vectors differ in length.", nameof(b));
        }

        ref var left = ref MemoryMarshal.GetReference(a);
        ref var right = ref MemoryMarshal.GetReference(b);
        var i = 0;
        var sum = 0;
        if (Avx2.IsSupported)
        {
            var accumulator = Vector256<int>.Zero;
            for (; i <= a.Length - Vector256<sbyte>.Count; i += Vector256<sbyte>.Count)
            {
                var (leftLow, leftHigh) = Vector256.Widen(Vector256.LoadUnsafe(ref left, (nuint)i));
                var (rightLow, rightHigh) = Vector256.Widen(Vector256.LoadUnsafe(ref right, (nuint)i));
                accumulator += Avx2.MultiplyAddAdjacent(leftLow, rightLow) + Avx2.MultiplyAddAdjacent(leftHigh, rightHigh);
            }

            sum = Vector256.Sum(accumulator);
        }
        else if (Vector.IsHardwareAccelerated)
        {
            // 127 · 127 fits a short; the products are widened to int before they are summed.
            var accumulator = Vector<int>.Zero;
            for (; i <= a.Length - Vector<sbyte>.Count; i += Vector<sbyte>.Count)
            {
                Vector.Widen(Vector.LoadUnsafe(ref left, (nuint)i), out var leftLow, out var leftHigh);
                Vector.Widen(Vector.LoadUnsafe(ref right, (nuint)i), out var rightLow, out var rightHigh);
                Vector.Widen(leftLow * rightLow, out var p0, out var p1);
                Vector.Widen(leftHigh * rightHigh, out var p2, out var p3);
                accumulator += p0 + p1 + p2 + p3;
            }

            sum = Vector.Sum(accumulator);
        }

        for (; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
