namespace Harmonie.Engines.Descriptors;

/// <summary>Pitch-class names as the original (Essentia) spells them, index 0 = A.</summary>
public static class KeyNames
{
    public static IReadOnlyList<string> FromA { get; } = ["A", "Bb", "B", "C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab"];

    /// <summary>Pitch class 0–11 (A = 0) of a note name in any common spelling (A#, Bb, Db…), or −1.</summary>
    public static int PitchClass(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return -1;
        }

        var trimmed = name.Trim();
        var letter = char.ToUpperInvariant(trimmed[0]) switch
        {
            'A' => 0,
            'B' => 2,
            'C' => 3,
            'D' => 5,
            'E' => 7,
            'F' => 8,
            'G' => 10,
            _ => -100,
        };
        if (letter < 0)
        {
            return -1;
        }

        foreach (var accidental in trimmed[1..])
        {
            letter += accidental switch
            {
                '#' or '♯' => 1,
                'b' or '♭' => -1,
                _ => 0,
            };
        }

        return ((letter % 12) + 12) % 12;
    }
}
