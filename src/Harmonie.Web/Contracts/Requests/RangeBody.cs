using System.ComponentModel;

namespace Harmonie.Web.Contracts.Requests;

/// <summary>A numeric range of the body filter form; either bound may be left out.</summary>
public sealed record RangeBody
{
    [Description("Lower bound, inclusive.")]
    public double? Gte { get; init; }

    [Description("Upper bound, inclusive.")]
    public double? Lte { get; init; }
}
