namespace Harmonie.Engines.Dsp;

/// <summary>
/// Direct-form II transposed IIR filter y = (b/a)·x with a[0] = 1, state in double so high orders stay
/// stable. Streaming: state is kept between calls.
/// </summary>
public sealed class IirFilter
{
    private readonly double[] _b;
    private readonly double[] _a;
    private readonly double[] _state;

    public IirFilter(ReadOnlySpan<double> numerator, ReadOnlySpan<double> denominator)
    {
        if (numerator.Length != denominator.Length || numerator.Length < 2 || denominator[0] != 1.0)
        {
            throw new ArgumentException("Numerator and denominator need the same length ≥ 2 and a[0] = 1.");
        }

        _b = numerator.ToArray();
        _a = denominator.ToArray();
        _state = new double[numerator.Length - 1];
    }

    /// <summary>Filters <paramref name="input"/> into <paramref name="output"/> (may be the same memory).</summary>
    public void Process(ReadOnlySpan<double> input, Span<double> output)
    {
        var order = _state.Length;
        var b = _b;
        var a = _a;
        var z = _state;
        for (var i = 0; i < input.Length; i++)
        {
            var x = input[i];
            var y = (b[0] * x) + z[0];
            for (var k = 1; k < order; k++)
            {
                z[k - 1] = (b[k] * x) - (a[k] * y) + z[k];
            }

            z[order - 1] = (b[order] * x) - (a[order] * y);
            output[i] = y;
        }
    }
}
