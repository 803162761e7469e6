namespace Harmonie.Engines.Filtering;

/// <summary>Maps a key name (<c>A</c>, <c>C#</c>, <c>Bb</c>, <c>db</c>, …) to its pitch class so enharmonic spellings compare equal.</summary>
public static class PitchClass
{
    /// <summary>The pitch class 0–11 (C = 0) of a tonic spelled as a letter and an optional <c>#</c>/<c>b</c>; -1 if it is not one.</summary>
    /// <remarks>Case-insensitive, so <c>ab</c> and <c>AB</c> both mean A flat.</remarks>
    public static int Of(ReadOnlySpan<char> name)
    {
        if (name.Length is 0 or > 2)
        {
            return -1;
        }

        var natural = (name[0] | 0x20) switch
        {
            'c' => 0,
            'd' => 2,
            'e' => 4,
            'f' => 5,
            'g' => 7,
            'a' => 9,
            'b' => 11,
            _ => -1,
        };
        if (natural < 0 || name.Length == 1)
        {
            return natural;
        }

        return name[1] switch
        {
            '#' or '♯' => (natural + 1) % 12,
            'b' or 'B' or '♭' => (natural + 11) % 12,
            _ => -1,
        };
    }
}
