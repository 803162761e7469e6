using System.Text.Json;
using Harmonie.Filtering;
using Microsoft.AspNetCore.Http;

namespace Harmonie.Web.Filtering;

/// <summary>
/// The JSON form of the filter language (the <c>filter</c> object of POST <c>/playlists</c>). Every violation
/// is a 422 naming the field (<c>filter.bpm.gte must be a number</c>); unknown members are ignored; a JSON
/// <c>null</c> member is the same as an absent one, except <c>style_min</c> and <c>style_mode</c>.
/// </summary>
public static class BodyFilterParser
{
    private const string Root = "filter";

    /// <summary>Parses the <c>filter</c> value; an absent or null filter is <see cref="TrackFilter.None"/>.</summary>
    public static ParseResult<TrackFilter> Parse(JsonElement filter)
    {
        if (filter.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return ParseResult<TrackFilter>.Success(TrackFilter.None);
        }

        if (filter.ValueKind != JsonValueKind.Object)
        {
            return Unprocessable($"{Root} must be an object");
        }

        // Duplicate members: the last one wins, as with Python's json module.
        var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var member in filter.EnumerateObject())
        {
            members[member.Name] = member.Value;
        }

        var errors = new List<string>();
        var result = new TrackFilter
        {
            Bpm = ParseRange(members, "bpm", errors),
            Danceability = ParseRange(members, "danceability", errors),
            Loudness = ParseRange(members, "loudness", errors),
            Keys = ParseStrings(members, "key", errors, rejectSeparator: false),
            Scale = ParseScale(members, errors),
            Genres = ParseStrings(members, "genre", errors, rejectSeparator: true),
            Styles = ParseStrings(members, "style", errors, rejectSeparator: true),
            StyleMin = ParseStyleMin(members, errors),
            StyleMode = ParseStyleMode(members, errors),
        };
        return errors.Count == 0 ? ParseResult<TrackFilter>.Success(result) : Unprocessable(string.Join("; ", errors));
    }

    private static ParseResult<TrackFilter> Unprocessable(string detail) =>
        ParseResult<TrackFilter>.Failure(StatusCodes.Status422UnprocessableEntity, detail);

    private static NumericRange? ParseRange(Dictionary<string, JsonElement> members, string name, List<string> errors)
    {
        if (!members.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var path = $"{Root}.{name}";
        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path} must be an object with optional 'gte' and 'lte' numbers");
            return null;
        }

        double? lower = null;
        double? upper = null;
        var valid = true;
        foreach (var bound in value.EnumerateObject())
        {
            if (bound.Name is not ("gte" or "lte"))
            {
                continue;
            }

            double? number = null;
            if (bound.Value.ValueKind == JsonValueKind.Number && bound.Value.TryGetDouble(out var parsed))
            {
                number = parsed;
            }
            else if (bound.Value.ValueKind != JsonValueKind.Null)
            {
                errors.Add($"{path}.{bound.Name} must be a number");
                valid = false;
                continue;
            }

            if (bound.Name == "gte")
            {
                lower = number;
            }
            else
            {
                upper = number;
            }
        }

        if (!valid)
        {
            return null;
        }

        if (lower > upper)
        {
            errors.Add($"{path}: gte ({lower}) must not be greater than lte ({upper})");
            return null;
        }

        return lower is null && upper is null ? null : new NumericRange(lower, upper);
    }

    private static string[] ParseStrings(Dictionary<string, JsonElement> members, string name, List<string> errors, bool rejectSeparator)
    {
        if (!members.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        var path = $"{Root}.{name}";
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"{path} must be an array of strings");
            return [];
        }

        var strings = new List<string>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                errors.Add($"{path}[{index}] must be a string");
            }
            else if (item.GetString() is { Length: > 0 } text)
            {
                if (rejectSeparator && FilterValues.ContainsLabelSeparator(text))
                {
                    errors.Add($"{path}[{index}]: {FilterValues.SeparatorError(name)}");
                }
                else
                {
                    strings.Add(text);
                }
            }

            index++;
        }

        return [.. strings];
    }

    private static string? ParseScale(Dictionary<string, JsonElement> members, List<string> errors)
    {
        if (!members.TryGetValue("scale", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add($"{Root}.scale must be a string");
            return null;
        }

        return value.GetString() is { Length: > 0 } scale ? scale : null;
    }

    private static double ParseStyleMin(Dictionary<string, JsonElement> members, List<string> errors)
    {
        if (!members.TryGetValue("style_min", out var value))
        {
            return 0;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && FilterValues.IsValidStyleMin(number))
        {
            return number;
        }

        errors.Add($"{Root}.style_min must be a number between 0 and 1, got {value.GetRawText()}");
        return 0;
    }

    private static StyleMatchMode ParseStyleMode(Dictionary<string, JsonElement> members, List<string> errors)
    {
        if (!members.TryGetValue("style_mode", out var value))
        {
            return StyleMatchMode.Any;
        }

        switch (value.ValueKind == JsonValueKind.String ? value.GetString() : null)
        {
            case FilterValues.AnyMode:
                return StyleMatchMode.Any;
            case FilterValues.AllMode:
                return StyleMatchMode.All;
            default:
                errors.Add($"{Root}.style_mode must be '{FilterValues.AnyMode}' or '{FilterValues.AllMode}', got {value.GetRawText()}");
                return StyleMatchMode.Any;
        }
    }
}
