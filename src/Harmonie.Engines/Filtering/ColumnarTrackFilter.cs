namespace Harmonie.Engines.Filtering;

/// <summary>
/// A <see cref="CompiledTrackFilter"/> bound to one <see cref="TrackFilterColumns"/>: each known label id is
/// mapped once to the set of genre/style patterns it satisfies, so a row test is a few array reads.
/// Gives exactly the answer of <see cref="CompiledTrackFilter.Matches(Tracks.TrackRecord)"/> on the same track.
/// </summary>
public sealed class ColumnarTrackFilter
{
    private const int MaxMaskedPatterns = 64;

    private readonly TrackFilterColumns _columns;
    private readonly CompiledTrackFilter _filter;
    private readonly ulong[] _labelPatternMasks;
    private readonly ulong _everyPattern;
    private readonly bool _usesMasks;

    internal ColumnarTrackFilter(TrackFilterColumns columns, CompiledTrackFilter filter)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(filter);
        _columns = columns;
        _filter = filter;
        var patterns = filter.StylePatterns;
        _usesMasks = patterns.Length <= MaxMaskedPatterns;
        _labelPatternMasks = _usesMasks ? new ulong[columns.LabelCount] : [];
        for (var id = 0; id < _labelPatternMasks.Length; id++)
        {
            _labelPatternMasks[id] = PatternMask(columns.Label(id));
        }

        _everyPattern = patterns.Length == MaxMaskedPatterns ? ulong.MaxValue : (1UL << patterns.Length) - 1;
    }

    public CompiledTrackFilter Filter => _filter;

    /// <summary>False for rows never set or cleared.</summary>
    public bool Matches(int row)
    {
        var columns = _columns;
        if (!columns.IsPresent(row))
        {
            return false;
        }

        var filter = _filter;
        if (filter.ConstrainsDescriptors
            && !(filter.MatchesDescriptorValues(columns.Bpm(row), columns.Danceability(row), columns.Loudness(row))
                && filter.MatchesKey(columns.Key(row), columns.KeyPitchClass(row))
                && filter.MatchesScale(columns.Scale(row))))
        {
            return false;
        }

        return !filter.ConstrainsStyles || MatchesStyles(row);
    }

    private bool MatchesStyles(int row)
    {
        var labels = _columns.StyleLabels(row);
        var probabilities = _columns.StyleProbabilities(row);
        var styleMin = _filter.StyleMin;
        if (!_usesMasks)
        {
            return MatchesStylesByText(labels, probabilities, styleMin);
        }

        var met = 0UL;
        for (var i = 0; i < labels.Length; i++)
        {
            if (probabilities[i] >= styleMin)
            {
                met |= MaskOf(labels[i]);
            }
        }

        return _filter.RequiresEveryStylePattern ? met == _everyPattern : met != 0;
    }

    // Labels added to the columns after binding are matched by text; no allocation either way.
    private ulong MaskOf(int labelId) =>
        (uint)labelId < (uint)_labelPatternMasks.Length ? _labelPatternMasks[labelId] : PatternMask(_columns.Label(labelId));

    private ulong PatternMask(string label)
    {
        var mask = 0UL;
        var patterns = _filter.StylePatterns;
        for (var p = 0; p < patterns.Length && p < MaxMaskedPatterns; p++)
        {
            if (patterns[p].Matches(label))
            {
                mask |= 1UL << p;
            }
        }

        return mask;
    }

    private bool MatchesStylesByText(ReadOnlySpan<int> labels, ReadOnlySpan<double> probabilities, double styleMin)
    {
        var requireAll = _filter.RequiresEveryStylePattern;
        foreach (ref readonly var pattern in _filter.StylePatterns)
        {
            var met = false;
            for (var i = 0; i < labels.Length && !met; i++)
            {
                met = probabilities[i] >= styleMin && pattern.Matches(_columns.Label(labels[i]));
            }

            if (met != requireAll)
            {
                return met;
            }
        }

        return requireAll;
    }
}
