namespace Harmonie.Web.Filtering;

/// <summary>Checks shared by the URL and body forms of the filter language.</summary>
internal static class FilterValues
{
    /// <summary>The internal separator of Discogs labels; users pass genre and style separately.</summary>
    public const string LabelSeparator = "---";

    public const string AnyMode = "any";

    public const string AllMode = "all";

    public static bool ContainsLabelSeparator(string value) => value.Contains(LabelSeparator, StringComparison.Ordinal);

    public static bool IsValidStyleMin(double value) => value is >= 0 and <= 1;

    public static string SeparatorError(string axis) =>
        $"{axis} values must not contain '{LabelSeparator}'; pass genre and style separately to name one exact label";
}
