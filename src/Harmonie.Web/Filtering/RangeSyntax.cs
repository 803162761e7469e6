using System.Diagnostics.CodeAnalysis;
using Harmonie.Filtering;

namespace Harmonie.Web.Filtering;

/// <summary>
/// The URL range syntax: <c>120..130</c>, <c>120..</c>, <c>..130</c>, <c>128</c> (exact), <c>..-10</c>.
/// The value is split at the first <c>..</c>; each non-empty side is a Python-style float.
/// </summary>
public static class RangeSyntax
{
    private const string Separator = "..";

    /// <summary>Parses a range; a null, empty or bare <c>..</c> value gives a null range (no constraint).</summary>
    /// <param name="error">On failure, why, starting with <c>invalid range '…'</c>.</param>
    public static bool TryParse(string? value, out NumericRange? range, [NotNullWhen(false)] out string? error)
    {
        range = null;
        error = null;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        double? lower;
        double? upper;
        var separator = value.IndexOf(Separator, StringComparison.Ordinal);
        if (separator < 0)
        {
            if (!TryParseBound(value, value, out lower, out error))
            {
                return false;
            }

            upper = lower;
        }
        else if (!TryParseBound(value, value[..separator], out lower, out error)
            || !TryParseBound(value, value[(separator + Separator.Length)..], out upper, out error))
        {
            return false;
        }

        if (lower > upper)
        {
            error = $"invalid range '{value}': lower bound {Format(lower)} is greater than upper bound {Format(upper)}";
            return false;
        }

        range = lower is null && upper is null ? null : new NumericRange(lower, upper);
        return true;
    }

    private static bool TryParseBound(string value, string part, out double? bound, [NotNullWhen(false)] out string? error)
    {
        bound = null;
        error = null;
        if (part.Length == 0)
        {
            return true;
        }

        if (!PythonFloat.TryParse(part, out var number))
        {
            error = $"invalid range '{value}': '{part}' is not a number";
            return false;
        }

        bound = number;
        return true;
    }

    private static string Format(double? number) => number!.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
