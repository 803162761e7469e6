using Harmonie.Filtering;

namespace Harmonie.Engines.Filtering;

/// <summary>
/// Value equality for <see cref="TrackFilter"/>, whose record equality compares its lists by reference.
/// Lists compare element by element (ordinal, in order); a missing range equals an unbounded one and a null
/// scale equals an empty one.
/// </summary>
public sealed class TrackFilterComparer : IEqualityComparer<TrackFilter>
{
    public static TrackFilterComparer Instance { get; } = new();

    public bool Equals(TrackFilter? x, TrackFilter? y)
    {
        if (ReferenceEquals(x, y))
        {
            return true;
        }

        if (x is null || y is null)
        {
            return false;
        }

        return RangesEqual(x.Bpm, y.Bpm)
            && RangesEqual(x.Danceability, y.Danceability)
            && RangesEqual(x.Loudness, y.Loudness)
            && x.Keys.SequenceEqual(y.Keys, StringComparer.Ordinal)
            && string.Equals(x.Scale ?? string.Empty, y.Scale ?? string.Empty, StringComparison.Ordinal)
            && x.Genres.SequenceEqual(y.Genres, StringComparer.Ordinal)
            && x.Styles.SequenceEqual(y.Styles, StringComparer.Ordinal)
            && x.StyleMin.Equals(y.StyleMin)
            && x.StyleMode == y.StyleMode;
    }

    public int GetHashCode(TrackFilter obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var hash = new HashCode();
        hash.Add(Normalise(obj.Bpm));
        hash.Add(Normalise(obj.Danceability));
        hash.Add(Normalise(obj.Loudness));
        AddAll(ref hash, obj.Keys);
        hash.Add(obj.Scale ?? string.Empty, StringComparer.Ordinal);
        AddAll(ref hash, obj.Genres);
        AddAll(ref hash, obj.Styles);
        hash.Add(obj.StyleMin);
        hash.Add(obj.StyleMode);
        return hash.ToHashCode();
    }

    private static bool RangesEqual(NumericRange? x, NumericRange? y) => Equals(Normalise(x), Normalise(y));

    private static NumericRange? Normalise(NumericRange? range) => range is null || range.IsUnbounded ? null : range;

    private static void AddAll(ref HashCode hash, IReadOnlyList<string> values)
    {
        hash.Add(values.Count);
        foreach (var value in values)
        {
            hash.Add(value, StringComparer.Ordinal);
        }
    }
}
