using Harmonie.Engines.Dsp;

namespace Harmonie.Engines.Tests.Dsp;

public sealed class RealFftTests
{
    [Theory]
    [InlineData(8)]
    [InlineData(512)]
    [InlineData(4096)]
    public void Matches_a_naive_dft(int n)
    {
        var random = new Random(n);
        var input = Enumerable.Range(0, n).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        var re = new float[(n / 2) + 1];
        var im = new float[(n / 2) + 1];

        new RealFft(n).Forward(input, re, im);

        for (var k = 0; k <= n / 2; k++)
        {
            double sr = 0, si = 0;
            for (var t = 0; t < n; t++)
            {
                var angle = -2 * Math.PI * k * t / n;
                sr += input[t] * Math.Cos(angle);
                si += input[t] * Math.Sin(angle);
            }

            var tolerance = 1e-4 * Math.Sqrt(n);
            Assert.True(Math.Abs(sr - re[k]) < tolerance, $"re[{k}] {re[k]} vs {sr}");
            Assert.True(Math.Abs(si - im[k]) < tolerance, $"im[{k}] {im[k]} vs {si}");
        }
    }

    [Fact]
    public void Power_of_a_bin_centred_sine_lands_in_that_bin()
    {
        const int n = 1024;
        var input = Enumerable.Range(0, n).Select(t => (float)Math.Sin(2 * Math.PI * 37 * t / n)).ToArray();
        var power = new float[(n / 2) + 1];

        new RealFft(n).Power(input, power);

        Assert.Equal(37, Array.IndexOf(power, power.Max()));
        Assert.Equal((n / 2.0) * (n / 2.0), power[37], 0);
    }

    [Fact]
    public void Rejects_sizes_that_are_not_powers_of_two() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RealFft(1000));
}
