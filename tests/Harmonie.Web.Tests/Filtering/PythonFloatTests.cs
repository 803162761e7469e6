using Harmonie.Web.Filtering;

namespace Harmonie.Web.Tests.Filtering;

public sealed class PythonFloatTests
{
    [Theory]
    [InlineData("128", 128)]
    [InlineData(" 128\t", 128)]
    [InlineData("-12", -12)]
    [InlineData("+1.5", 1.5)]
    [InlineData("1e3", 1000)]
    [InlineData("1E-2", 0.01)]
    [InlineData("1_000", 1000)]
    [InlineData("1_000.2_5", 1000.25)]
    [InlineData("1e1_0", 1e10)]
    [InlineData(".5", 0.5)]
    [InlineData("5.", 5)]
    [InlineData("1.e2", 100)]
    [InlineData("١٢", 12)]
    [InlineData("1e400", double.PositiveInfinity)]
    [InlineData("inf", double.PositiveInfinity)]
    [InlineData("-Infinity", double.NegativeInfinity)]
    [InlineData("+INF", double.PositiveInfinity)]
    public void Accepts_what_python_float_accepts(string text, double expected)
    {
        Assert.True(PythonFloat.TryParse(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("nan")]
    [InlineData("-NaN")]
    public void Accepts_nan(string text)
    {
        Assert.True(PythonFloat.TryParse(text, out var value));
        Assert.True(double.IsNaN(value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("abc")]
    [InlineData("not-a-number")]
    [InlineData("1__0")]
    [InlineData("_1")]
    [InlineData("1_")]
    [InlineData("1_.5")]
    [InlineData("1._5")]
    [InlineData("0x10")]
    [InlineData("1,5")]
    [InlineData("1e")]
    [InlineData("e5")]
    [InlineData(".")]
    [InlineData("infinit")]
    [InlineData("--1")]
    [InlineData("1 2")]
    [InlineData("130..140")]
    public void Rejects_what_python_float_rejects(string text) => Assert.False(PythonFloat.TryParse(text, out _));
}
