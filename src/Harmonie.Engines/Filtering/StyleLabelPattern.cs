namespace Harmonie.Engines.Filtering;

/// <summary>
/// One genre/style constraint as a literal, case-insensitive pattern over stored labels <c>Genre---Style</c>:
/// a genre is the prefix <c>Genre---</c>, a style the suffix <c>---Style</c>, both together the whole label.
/// </summary>
internal readonly struct StyleLabelPattern
{
    private const string Separator = "---";

    private readonly string _text;
    private readonly StyleLabelPatternKind _kind;

    private StyleLabelPattern(string text, StyleLabelPatternKind kind)
    {
        _text = text;
        _kind = kind;
    }

    public static StyleLabelPattern Genre(string genre) => new(genre + Separator, StyleLabelPatternKind.Prefix);

    public static StyleLabelPattern Style(string style) => new(Separator + style, StyleLabelPatternKind.Suffix);

    public static StyleLabelPattern Label(string genre, string style) => new(genre + Separator + style, StyleLabelPatternKind.Exact);

    public bool Matches(string label)
    {
        var text = _text;
        if (label.Length < text.Length)
        {
            return false;
        }

        return _kind switch
        {
            StyleLabelPatternKind.Prefix => label.AsSpan(0, text.Length).Equals(text, StringComparison.OrdinalIgnoreCase),
            StyleLabelPatternKind.Suffix => label.AsSpan(label.Length - text.Length).Equals(text, StringComparison.OrdinalIgnoreCase),
            _ => label.Length == text.Length && label.Equals(text, StringComparison.OrdinalIgnoreCase),
        };
    }

    public override string ToString() => _kind switch
    {
        StyleLabelPatternKind.Prefix => _text + "*",
        StyleLabelPatternKind.Suffix => "*" + _text,
        _ => _text,
    };
}
