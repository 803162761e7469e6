using System.Globalization;
using System.Text.Json;

namespace Harmonie.Web.Playlists;

/// <summary>
/// Reads JSON members with the original's lax coercion (pydantic's lax mode): integers also from integral
/// floats and numeric strings, floats also from numeric strings, booleans also from the usual words.
/// Each reader records a field-named error and returns the fallback when the value does not fit.
/// </summary>
internal sealed class JsonFields(IReadOnlyDictionary<string, JsonElement> members, string prefix, List<string> errors)
{
    public static JsonFields? Object(JsonElement element, string name, List<string> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{name} must be an object");
            return null;
        }

        var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var member in element.EnumerateObject())
        {
            members[member.Name] = member.Value;
        }

        return new JsonFields(members, name.Length == 0 ? string.Empty : name + ".", errors);
    }

    public bool Has(string name) => members.TryGetValue(name, out var value) && value.ValueKind != JsonValueKind.Null;

    public JsonElement Get(string name) => members.TryGetValue(name, out var value) ? value : default;

    public string Name(string name) => prefix + name;

    public long Int(string name, long fallback) => NullableInt(name, nullable: false) ?? fallback;

    public long? NullableInt(string name, bool nullable = true)
    {
        if (!members.TryGetValue(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            return nullable ? null : Fail<long?>(name, "must not be null");
        }

        return TryInt(value, out var number) ? number : Fail<long?>(name, "must be an integer");
    }

    public double Double(string name, double fallback) => NullableDouble(name, nullable: false) ?? fallback;

    public double? NullableDouble(string name, bool nullable = true)
    {
        if (!members.TryGetValue(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            return nullable ? null : Fail<double?>(name, "must not be null");
        }

        return TryDouble(value, out var number) ? number : Fail<double?>(name, "must be a number");
    }

    public bool Bool(string name, bool fallback)
    {
        if (!members.TryGetValue(name, out var value))
        {
            return fallback;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.Number when value.TryGetInt32(out var n) && n is 0 or 1:
                return n == 1;
            case JsonValueKind.String when QueryWord(value.GetString()) is { } word:
                return word;
            default:
                return Fail<bool>(name, "must be a boolean");
        }
    }

    public string? String(string name)
    {
        if (!members.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : Fail<string?>(name, "must be a string");
    }

    /// <summary>An array member (absent → empty); a scalar or null where an array is expected is an error.</summary>
    public IReadOnlyList<JsonElement> Array(string name)
    {
        if (!members.TryGetValue(name, out var value))
        {
            return [];
        }

        if (value.ValueKind == JsonValueKind.Array)
        {
            return [.. value.EnumerateArray()];
        }

        Fail<object>(name, "must be an array");
        return [];
    }

    public T Fail<T>(string name, string message)
    {
        errors.Add($"{prefix}{name} {message}");
        return default!;
    }

    public static bool TryInt(JsonElement value, out long number)
    {
        number = 0;
        switch (value.ValueKind)
        {
            case JsonValueKind.Number when value.TryGetInt64(out number):
                return true;
            case JsonValueKind.Number when value.TryGetDouble(out var d) && d == Math.Floor(d) && Math.Abs(d) < 9e15:
                number = (long)d;
                return true;
            case JsonValueKind.String:
                return long.TryParse(value.GetString()?.Trim().Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number);
            default:
                return false;
        }
    }

    public static bool TryDouble(JsonElement value, out double number)
    {
        number = 0;
        return value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetDouble(out number),
            JsonValueKind.String => Filtering.PythonFloat.TryParse(value.GetString().AsSpan(), out number),
            _ => false,
        };
    }

    private static bool? QueryWord(string? word) => word?.Trim().ToLowerInvariant() switch
    {
        "1" or "true" or "t" or "yes" or "y" or "on" => true,
        "0" or "false" or "f" or "no" or "n" or "off" => false,
        _ => null,
    };
}
