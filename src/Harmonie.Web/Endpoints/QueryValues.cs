namespace Harmonie.Web.Endpoints;

/// <summary>Validation of query values that the route binder cannot express (ranges, word booleans).</summary>
public static class QueryValues
{
    /// <summary>Checks an optional integer against bounds; returns an error detail or null.</summary>
    public static string? CheckRange(string name, int? value, int min, int max) =>
        value is { } v && (v < min || v > max) ? $"{name} must be between {min} and {max}, got {v}" : null;

    /// <summary>Parses a boolean the way the original did (true/false, 1/0, yes/no, on/off); null input gives the default.</summary>
    public static bool TryParseBool(string? raw, bool fallback, out bool value)
    {
        value = fallback;
        if (raw is null)
        {
            return true;
        }

        switch (raw.Trim().ToLowerInvariant())
        {
            case "1" or "true" or "t" or "yes" or "y" or "on":
                value = true;
                return true;
            case "0" or "false" or "f" or "no" or "n" or "off":
                value = false;
                return true;
            default:
                return false;
        }
    }
}
