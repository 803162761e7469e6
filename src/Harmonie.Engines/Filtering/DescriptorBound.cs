using Harmonie.Filtering;

namespace Harmonie.Engines.Filtering;

/// <summary>A compiled inclusive range; an open side is infinite so evaluation is two comparisons.</summary>
internal readonly struct DescriptorBound
{
    private readonly double _min;
    private readonly double _max;

    private DescriptorBound(double min, double max)
    {
        IsActive = true;
        _min = min;
        _max = max;
    }

    public static DescriptorBound Inactive => default;

    public bool IsActive { get; }

    public double Min => _min;

    public double Max => _max;

    public static DescriptorBound From(NumericRange? range) =>
        range is null || range.IsUnbounded
            ? Inactive
            : new DescriptorBound(range.Min ?? double.NegativeInfinity, range.Max ?? double.PositiveInfinity);

    /// <summary>A missing (or NaN) value fails an active bound; a NaN bound matches nothing, as SQL NULL did.</summary>
    public bool Contains(double? value) => !IsActive || (value is { } v && v >= _min && v <= _max);

    /// <summary>The same test on a column where NaN stands for a missing value.</summary>
    public bool Contains(double value) => !IsActive || (value >= _min && value <= _max);
}
