namespace Harmonie.Engines.Filtering;

/// <summary>
/// One genre/style constraint as a literal, case-insensitive pattern over stored labels <c>Genre---Style</c>:
/// a genre is the prefix <c>Genre---</c>, a style the suffix <c>---Style</c>, both together the whole label.
/// </summary>
internal readonly struct StyleLabelPattern
{
    private const string Separator = "---";
    private const char NoAnchor = '\0';

    private readonly string _text;
    private readonly StyleLabelPatternKind _kind;

    // Cheap rejection before the case-insensitive comparison: the character at the open end of the pattern
    // (ASCII-folded) and the position of the separator's first dash rule out almost every other label.
    private readonly char _anchor;
    private readonly int _dashOffset;

    private StyleLabelPattern(string text, StyleLabelPatternKind kind, char anchor, int dashOffset)
    {
        _text = text;
        _kind = kind;
        _anchor = anchor < 0x80 ? FoldAscii(anchor) : NoAnchor;
        _dashOffset = dashOffset;
    }

    public static StyleLabelPattern Genre(string genre) =>
        new(genre + Separator, StyleLabelPatternKind.Prefix, genre.Length > 0 ? genre[0] : NoAnchor, genre.Length);

    public static StyleLabelPattern Style(string style) =>
        new(Separator + style, StyleLabelPatternKind.Suffix, style.Length > 0 ? style[^1] : NoAnchor, 0);

    public static StyleLabelPattern Label(string genre, string style) =>
        new(genre + Separator + style, StyleLabelPatternKind.Exact, genre.Length > 0 ? genre[0] : NoAnchor, genre.Length);

    public bool Matches(string label)
    {
        var text = _text;
        var start = label.Length - text.Length;
        if (start < 0)
        {
            return false;
        }

        switch (_kind)
        {
            case StyleLabelPatternKind.Prefix:
                return label[_dashOffset] == '-' && AnchorMatches(label[0]) && label.AsSpan(0, text.Length).Equals(text, StringComparison.OrdinalIgnoreCase);
            case StyleLabelPatternKind.Suffix:
                return label[start] == '-' && AnchorMatches(label[^1]) && label.AsSpan(start).Equals(text, StringComparison.OrdinalIgnoreCase);
            default:
                return start == 0 && label[_dashOffset] == '-' && AnchorMatches(label[0]) && label.Equals(text, StringComparison.OrdinalIgnoreCase);
        }
    }

    public override string ToString() => _kind switch
    {
        StyleLabelPatternKind.Prefix => _text + "*",
        StyleLabelPatternKind.Suffix => "*" + _text,
        _ => _text,
    };

    private static char FoldAscii(char c) => c is >= 'A' and <= 'Z' ? (char)(c | 0x20) : c;

    // Exact for ASCII pairs; a non-ASCII character is left to the full comparison, which has the final word.
    private bool AnchorMatches(char c) => _anchor == NoAnchor || c >= 0x80 || FoldAscii(c) == _anchor;
}
