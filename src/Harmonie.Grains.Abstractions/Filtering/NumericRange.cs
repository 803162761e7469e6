namespace Harmonie.Filtering;

/// <summary>An inclusive range; a missing bound is open. A track without the value never matches a bound.</summary>
[GenerateSerializer, Immutable, Alias("harmonie.NumericRange")]
public sealed record NumericRange([property: Id(0)] double? Min, [property: Id(1)] double? Max)
{
    public bool IsUnbounded => Min is null && Max is null;

    public bool Contains(double? value) =>
        IsUnbounded || (value is { } v && (Min is not { } min || v >= min) && (Max is not { } max || v <= max));
}
