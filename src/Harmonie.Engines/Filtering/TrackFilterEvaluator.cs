using Harmonie.Filtering;
using Harmonie.Tracks;

namespace Harmonie.Engines.Filtering;

/// <summary>
/// The one evaluator of the filter language (docs/FILTERING.md), shared by <c>/tracks</c>, <c>/similar</c> and
/// every playlist mode. Compile a <see cref="TrackFilter"/> once per query, then test each row.
/// </summary>
public static class TrackFilterEvaluator
{
    /// <summary>Normalises the filter: trims keys and scale, drops blank values, de-duplicates genres and styles.</summary>
    public static CompiledTrackFilter Compile(TrackFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);

        var keyPitchClasses = 0;
        var otherKeys = new List<string>();
        foreach (var raw in filter.Keys)
        {
            var key = raw?.Trim();
            if (string.IsNullOrEmpty(key))
            {
                continue;
            }

            var pitchClass = PitchClass.Of(key);
            if (pitchClass >= 0)
            {
                keyPitchClasses |= 1 << pitchClass;
            }
            else if (!otherKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                otherKeys.Add(key);
            }
        }

        var scale = filter.Scale?.Trim();

        return new CompiledTrackFilter(
            filter,
            DescriptorBound.From(filter.Bpm),
            DescriptorBound.From(filter.Danceability),
            DescriptorBound.From(filter.Loudness),
            keyPitchClasses,
            [.. otherKeys],
            string.IsNullOrEmpty(scale) ? null : scale,
            CompileStylePatterns(filter));
    }

    /// <summary>Convenience for one-off checks; compile once when testing many rows.</summary>
    public static bool Matches(TrackFilter filter, TrackRecord track) => Compile(filter).Matches(track);

    private static StyleLabelPattern[] CompileStylePatterns(TrackFilter filter)
    {
        var genres = DistinctValues(filter.Genres);
        var styles = DistinctValues(filter.Styles);

        // One genre and one style name a single exact label; otherwise the axes are independent constraints.
        if (genres.Count == 1 && styles.Count == 1)
        {
            return [StyleLabelPattern.Label(genres[0], styles[0])];
        }

        return [.. genres.Select(StyleLabelPattern.Genre), .. styles.Select(StyleLabelPattern.Style)];
    }

    private static List<string> DistinctValues(IReadOnlyList<string> values)
    {
        var distinct = new List<string>(values.Count);
        foreach (var value in values)
        {
            if (!string.IsNullOrEmpty(value) && !distinct.Contains(value, StringComparer.OrdinalIgnoreCase))
            {
                distinct.Add(value);
            }
        }

        return distinct;
    }
}
