namespace Harmonie.Engines.Filtering;

internal enum StyleLabelPatternKind
{
    Prefix,
    Suffix,
    Exact,
}
