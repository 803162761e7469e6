using Harmonie.Filtering;
using Harmonie.Web.Filtering;

namespace Harmonie.Web.Tests.Filtering;

public sealed class RangeSyntaxTests
{
    [Theory]
    [InlineData("120..130", 120.0, 130.0)]
    [InlineData("120..", 120.0, null)]
    [InlineData("..130", null, 130.0)]
    [InlineData("..-10", null, -10.0)]
    [InlineData("-20..-10", -20.0, -10.0)]
    [InlineData("128", 128.0, 128.0)]
    [InlineData("-12", -12.0, -12.0)]
    [InlineData("130..130", 130.0, 130.0)]
    [InlineData(" 120 .. 1.3e2 ", 120.0, 130.0)]
    [InlineData("1_20..inf", 120.0, double.PositiveInfinity)]
    public void Parses_bounds(string text, double? lower, double? upper)
    {
        Assert.True(RangeSyntax.TryParse(text, out var range, out var error), error);
        Assert.Equal(new NumericRange(lower, upper), range);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("..")]
    public void Empty_input_is_no_range(string? text)
    {
        Assert.True(RangeSyntax.TryParse(text, out var range, out _));
        Assert.Null(range);
    }

    [Theory]
    [InlineData("not-a-number", "'not-a-number' is not a number")]
    [InlineData("foo..bar", "'foo' is not a number")]
    [InlineData("120..130..140", "'130..140' is not a number")]
    [InlineData("120.. ", "' ' is not a number")]
    [InlineData("130..120", "lower bound 130 is greater than upper bound 120")]
    [InlineData("1...2", "lower bound 1 is greater than upper bound 0.2")]
    public void Rejects_bad_syntax_and_inverted_bounds(string text, string reason)
    {
        Assert.False(RangeSyntax.TryParse(text, out var range, out var error));
        Assert.Null(range);
        Assert.Equal($"invalid range '{text}': {reason}", error);
    }
}
