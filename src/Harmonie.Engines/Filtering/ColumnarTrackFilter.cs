using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

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
    public bool Matches(int row) =>
        _columns.IsPresent(row) && MatchesDescriptors(row) && (!_filter.ConstrainsStyles || MatchesStyles(row));

    /// <summary>
    /// Adds every matching row to <paramref name="rows"/>, ascending. The rows are narrowed with bitsets first (rows
    /// present; for a genre/style constraint the union of the wanted labels' rows, intersected per constraint for
    /// <c>style_mode=all</c>; numeric ranges compared four rows at a time), so only the survivors are read row by
    /// row, and not at all when the bitsets already decide every constraint.
    /// </summary>
    public void CollectMatchingRows(List<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ForEachMatchingRow(rows.Add);
    }

    /// <summary>Calls <paramref name="action"/> for every matching row, ascending, as <see cref="CollectMatchingRows"/> finds them.</summary>
    public void ForEachMatchingRow(Action<int> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var words = (_columns.RowCount + 63) >> 6;
        var candidateBuffer = ArrayPool<ulong>.Shared.Rent(words);
        var unionBuffer = ArrayPool<ulong>.Shared.Rent(words);
        try
        {
            var candidates = candidateBuffer.AsSpan(0, words);
            _columns.PresentRows[..words].CopyTo(candidates);
            var decided = !_filter.ConstrainsStyles;
            if (_filter.ConstrainsStyles && _usesMasks)
            {
                var union = unionBuffer.AsSpan(0, words);
                var constraints = _filter.RequiresEveryStylePattern ? _filter.StylePatterns.Length : 1;
                for (var p = 0; p < constraints; p++)
                {
                    union.Clear();
                    OrRowsWithLabels(union, _filter.RequiresEveryStylePattern ? 1UL << p : _everyPattern);
                    TensorPrimitives.BitwiseAnd(candidates, union, candidates);
                }

                // Label rows decide the style half unless some row with a wanted label is below style_min.
                decided = StyleMinBelowEveryWantedRow();
            }

            KeepInRange(candidates, _columns.BpmColumn, _filter.Bpm);
            KeepInRange(candidates, _columns.DanceabilityColumn, _filter.Danceability);
            KeepInRange(candidates, _columns.LoudnessColumn, _filter.Loudness);
            decided &= !_filter.ConstrainsKey && !_filter.ConstrainsScale;
            for (var word = 0; word < words; word++)
            {
                for (var bits = candidates[word]; bits != 0; bits &= bits - 1)
                {
                    var row = (word << 6) + BitOperations.TrailingZeroCount(bits);
                    if (decided || Matches(row))
                    {
                        action(row);
                    }
                }
            }
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(candidateBuffer);
            ArrayPool<ulong>.Shared.Return(unionBuffer);
        }
    }

    /// <summary>Clears the candidates whose value is outside the bound (NaN, a missing value, is outside).</summary>
    private static void KeepInRange(Span<ulong> candidates, ReadOnlySpan<double> column, DescriptorBound bound)
    {
        if (!bound.IsActive)
        {
            return;
        }

        var min = Vector256.Create(bound.Min);
        var max = Vector256.Create(bound.Max);
        for (var word = 0; word < candidates.Length; word++)
        {
            if (candidates[word] == 0)
            {
                continue;
            }

            var first = word << 6;
            var inRange = 0UL;
            if (first + 64 <= column.Length)
            {
                for (var i = 0; i < 64; i += Vector256<double>.Count)
                {
                    var values = Vector256.Create(column.Slice(first + i, Vector256<double>.Count));
                    var mask = Vector256.GreaterThanOrEqual(values, min) & Vector256.LessThanOrEqual(values, max);
                    inRange |= (ulong)mask.ExtractMostSignificantBits() << i;
                }
            }
            else
            {
                for (var i = 0; first + i < column.Length; i++)
                {
                    inRange |= bound.Contains(column[first + i]) ? 1UL << i : 0;
                }
            }

            candidates[word] &= inRange;
        }
    }

    // Each column is read only when constrained: a filtered scan is bound by cache misses, not comparisons.
    private bool MatchesDescriptors(int row)
    {
        var filter = _filter;
        if (!filter.ConstrainsDescriptors)
        {
            return true;
        }

        var columns = _columns;
        return (!filter.Bpm.IsActive || filter.Bpm.Contains(columns.Bpm(row)))
            && (!filter.Danceability.IsActive || filter.Danceability.Contains(columns.Danceability(row)))
            && (!filter.Loudness.IsActive || filter.Loudness.Contains(columns.Loudness(row)))
            && (!filter.ConstrainsKey || filter.MatchesKey(columns.Key(row), columns.KeyPitchClass(row)))
            && (!filter.ConstrainsScale || filter.MatchesScale(columns.Scale(row)));
    }

    private bool StyleMinBelowEveryWantedRow()
    {
        for (var id = 0; id < _columns.LabelCount; id++)
        {
            if (MaskOf(id) != 0 && _columns.LowestProbability(id) < _filter.StyleMin)
            {
                return false;
            }
        }

        return true;
    }

    private void OrRowsWithLabels(Span<ulong> target, ulong patterns)
    {
        for (var id = 0; id < _columns.LabelCount; id++)
        {
            if ((MaskOf(id) & patterns) != 0)
            {
                var bits = _columns.RowsWithLabel(id);
                var length = Math.Min(bits.Length, target.Length);
                TensorPrimitives.BitwiseOr(target[..length], bits[..length], target[..length]);
            }
        }
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
