using Harmonie.Engines.VectorIndex;

namespace Harmonie.Engines.Tests.VectorIndex;

public sealed class Int8CodesTests
{
    [Fact]
    public void DotMatchesTheScalarSumForEveryLengthAndTheExtremeCodes()
    {
        var random = new Random(3);
        for (var length = 0; length <= 97; length++)
        {
            var a = new sbyte[length];
            var b = new sbyte[length];
            for (var i = 0; i < length; i++)
            {
                a[i] = (sbyte)random.Next(-127, 128);
                b[i] = (sbyte)random.Next(-127, 128);
            }

            Assert.Equal(a.Zip(b, (x, y) => x * y).Sum(), Int8Codes.Dot(a, b));
        }

        var extreme = Enumerable.Repeat((sbyte)-127, 1280).ToArray();
        Assert.Equal(1280 * 127 * 127, Int8Codes.Dot(extreme, extreme));
    }

    [Fact]
    public void EncodingKeepsEachComponentWithinHalfAStepAndAZeroVectorEncodesToZero()
    {
        var random = new Random(9);
        var vector = Enumerable.Range(0, 1280).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        var codes = new sbyte[vector.Length];

        var scale = Int8Codes.Encode(vector, codes);

        Assert.Equal(vector.Max(Math.Abs) / 127f, scale, 1e-7f);
        Assert.Contains(codes, c => Math.Abs((int)c) == 127);
        Assert.All(vector.Zip(codes), pair => Assert.InRange(Math.Abs(pair.First - (pair.Second * scale)), 0, (scale / 2) + 1e-7));

        Assert.Equal(0f, Int8Codes.Encode(new float[8], codes.AsSpan(0, 8)));
        Assert.All(codes.Take(8), c => Assert.Equal(0, c));
    }
}
