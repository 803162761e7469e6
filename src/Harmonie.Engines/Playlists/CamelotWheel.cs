namespace Harmonie.Engines.Playlists;

/// <summary>
/// Key → Camelot code and harmonic compatibility (BEHAVIOUR.md §8.5). Keys are matched exactly (both enharmonic
/// spellings are in the table); the scale is compared lower-cased. Compatible with <c>nL</c> = same code, ±1 on
/// the same ring (12 wraps to 1) and the same number on the other ring.
/// </summary>
public static class CamelotWheel
{
    private static readonly IReadOnlyDictionary<string, int> MinorNumbers = Numbers(
        ("Ab", 1), ("G#", 1), ("Eb", 2), ("D#", 2), ("Bb", 3), ("A#", 3), ("F", 4), ("C", 5), ("G", 6),
        ("D", 7), ("A", 8), ("E", 9), ("B", 10), ("F#", 11), ("Gb", 11), ("C#", 12), ("Db", 12));

    private static readonly IReadOnlyDictionary<string, int> MajorNumbers = Numbers(
        ("B", 1), ("F#", 2), ("Gb", 2), ("Db", 3), ("C#", 3), ("Ab", 4), ("G#", 4), ("Eb", 5), ("D#", 5),
        ("Bb", 6), ("A#", 6), ("F", 7), ("C", 8), ("G", 9), ("D", 10), ("A", 11), ("E", 12));

    /// <summary>The code of a key and scale; null when either is missing or the pair is not in the table.</summary>
    public static CamelotCode? ToCode(string? key, string? scale)
    {
        if (key is null || scale is null)
        {
            return null;
        }

        var numbers = scale.ToLowerInvariant() switch
        {
            "minor" => MinorNumbers,
            "major" => MajorNumbers,
            _ => null,
        };
        return numbers is not null && numbers.TryGetValue(key, out var number) ? new CamelotCode(number, numbers == MajorNumbers) : null;
    }

    /// <summary>The code itself, its two neighbours on the same ring (with wrap-around) and its relative on the other ring.</summary>
    public static IReadOnlySet<CamelotCode> CompatibleCodes(CamelotCode code) => new HashSet<CamelotCode>
    {
        code,
        code with { Number = code.Number == 1 ? 12 : code.Number - 1 },
        code with { Number = code.Number == 12 ? 1 : code.Number + 1 },
        code with { Major = !code.Major },
    };

    /// <summary>The codes compatible with a key and scale; empty when the pair is missing or unmapped.</summary>
    public static IReadOnlySet<CamelotCode> CompatibleCodes(string? key, string? scale) =>
        ToCode(key, scale) is { } code ? CompatibleCodes(code) : new HashSet<CamelotCode>();

    /// <summary>Every (key, scale) table entry, all spellings, whose code is compatible with the given pair.</summary>
    public static IReadOnlyList<(string Key, string Scale)> CompatiblePairs(string? key, string? scale)
    {
        var codes = CompatibleCodes(key, scale);
        return MinorNumbers.Select(e => (e.Key, Scale: "minor", Code: new CamelotCode(e.Value, false)))
            .Concat(MajorNumbers.Select(e => (e.Key, Scale: "major", Code: new CamelotCode(e.Value, true))))
            .Where(e => codes.Contains(e.Code))
            .Select(e => (e.Key, e.Scale))
            .ToList();
    }

    /// <summary>True when the candidate's (key, scale) maps to a code in <paramref name="compatible"/>.</summary>
    public static bool IsIn(IReadOnlySet<CamelotCode> compatible, string? key, string? scale) =>
        ToCode(key, scale) is { } code && compatible.Contains(code);

    private static Dictionary<string, int> Numbers(params (string Key, int Number)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Number, StringComparer.Ordinal);
}
