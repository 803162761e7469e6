using System.Text.Json;

namespace Harmonie.Web.Playlists;

/// <summary>
/// System.Text.Json checks a string's UTF-8 only when the string is read, so a body with a broken string parses
/// and then fails wherever it is first read; this finds such strings (values and member names) up front.
/// </summary>
internal static class JsonText
{
    private const int MaxDepth = 64;

    /// <summary>The JSON path of the first string that is not valid UTF-8, or null when all are valid.</summary>
    public static string? FindInvalidUtf8(JsonElement element) => Find(element, "body", 0);

    private static string? Find(JsonElement element, string path, int depth)
    {
        if (depth > MaxDepth)
        {
            return null; // The parser's own depth limit (64) stops deeper documents first.
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return IsValid(() => element.GetString()) ? null : path;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (Find(item, $"{path}[{index++}]", depth + 1) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = member.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        return $"a member name in {path}";
                    }

                    if (Find(member.Value, $"{path}.{name}", depth + 1) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static bool IsValid(Func<string?> read)
    {
        try
        {
            read();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
