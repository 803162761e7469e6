using System.Buffers;
using System.Runtime.InteropServices;
using Harmonie.Analysis;
using Harmonie.Filtering;
using Harmonie.Tracks;

namespace Harmonie.Engines.Filtering;

/// <summary>
/// A <see cref="TrackFilter"/> prepared for evaluation over many rows: bounds, key pitch classes and
/// genre/style patterns are normalised once, so <see cref="Matches(TrackRecord)"/> allocates nothing.
/// Immutable and safe to share between threads. Create with <see cref="TrackFilterEvaluator.Compile"/>.
/// </summary>
public sealed class CompiledTrackFilter
{
    private readonly DescriptorBound _bpm;
    private readonly DescriptorBound _danceability;
    private readonly DescriptorBound _loudness;
    private readonly bool _constrainsKey;
    private readonly int _keyPitchClasses;
    private readonly string[] _otherKeys;
    private readonly string? _scale;
    private readonly StyleLabelPattern[] _stylePatterns;
    private readonly bool _requireEveryStylePattern;
    private readonly double _styleMin;

    internal CompiledTrackFilter(
        TrackFilter source,
        DescriptorBound bpm,
        DescriptorBound danceability,
        DescriptorBound loudness,
        int keyPitchClasses,
        string[] otherKeys,
        string? scale,
        StyleLabelPattern[] stylePatterns)
    {
        Source = source;
        _bpm = bpm;
        _danceability = danceability;
        _loudness = loudness;
        _keyPitchClasses = keyPitchClasses;
        _otherKeys = otherKeys;
        _constrainsKey = keyPitchClasses != 0 || otherKeys.Length > 0;
        _scale = scale;
        _stylePatterns = stylePatterns;
        _requireEveryStylePattern = source.StyleMode == StyleMatchMode.All;
        _styleMin = source.StyleMin;
        ConstrainsDescriptors = bpm.IsActive || danceability.IsActive || loudness.IsActive || _constrainsKey || scale is not null;
    }

    /// <summary>The filter this was compiled from.</summary>
    public TrackFilter Source { get; }

    /// <summary>True when some descriptor (bpm, danceability, loudness, key, scale) is constrained.</summary>
    public bool ConstrainsDescriptors { get; }

    /// <summary>True when some genre or style is requested.</summary>
    public bool ConstrainsStyles => _stylePatterns.Length > 0;

    /// <summary>True when every track passes, so callers can skip filtering altogether.</summary>
    public bool MatchesEverything => !ConstrainsDescriptors && !ConstrainsStyles;

    public bool Matches(TrackRecord track) => MatchesDescriptors(track.Descriptors) && MatchesStyles(track.Styles);

    /// <summary>The descriptor half of the filter, for callers that keep descriptors apart from track records.</summary>
    public bool MatchesDescriptors(AudioDescriptors descriptors)
    {
        if (!ConstrainsDescriptors)
        {
            return true;
        }

        return _bpm.Contains(descriptors.Bpm)
            && _danceability.Contains(descriptors.Danceability)
            && _loudness.Contains(descriptors.Loudness)
            && (!_constrainsKey || MatchesKey(descriptors.Key, descriptors.Key is null ? -1 : PitchClass.Of(descriptors.Key)))
            && MatchesScale(descriptors.Scale);
    }

    /// <summary>The genre/style half of the filter over stored style rows (any order).</summary>
    public bool MatchesStyles(IReadOnlyList<StyleScore> styles)
    {
        if (_stylePatterns.Length == 0)
        {
            return true;
        }

        switch (styles)
        {
            case StyleScore[] array:
                return MatchesStyles(array);
            case List<StyleScore> list:
                return MatchesStyles(CollectionsMarshal.AsSpan(list));
        }

        // Other list types (e.g. compiler-synthesised collection literals): copy into a pooled buffer.
        var buffer = ArrayPool<StyleScore>.Shared.Rent(styles.Count);
        try
        {
            for (var i = 0; i < styles.Count; i++)
            {
                buffer[i] = styles[i];
            }

            return MatchesStyles(buffer.AsSpan(0, styles.Count));
        }
        finally
        {
            ArrayPool<StyleScore>.Shared.Return(buffer, clearArray: true);
        }
    }

    public bool MatchesStyles(ReadOnlySpan<StyleScore> styles)
    {
        var patterns = _stylePatterns;
        if (_requireEveryStylePattern)
        {
            foreach (ref readonly var pattern in patterns.AsSpan())
            {
                if (!IsMetBySomeRow(pattern, styles))
                {
                    return false;
                }
            }

            return true;
        }

        foreach (ref readonly var pattern in patterns.AsSpan())
        {
            if (IsMetBySomeRow(pattern, styles))
            {
                return true;
            }
        }

        return false;
    }

    public override string ToString() =>
        $"CompiledTrackFilter(descriptors: {ConstrainsDescriptors}, styles: [{string.Join(", ", _stylePatterns)}] {Source.StyleMode} >= {_styleMin})";

    private bool IsMetBySomeRow(in StyleLabelPattern pattern, ReadOnlySpan<StyleScore> styles)
    {
        foreach (var row in styles)
        {
            if (row.Probability >= _styleMin && pattern.Matches(row.Style))
            {
                return true;
            }
        }

        return false;
    }

    internal ReadOnlySpan<StyleLabelPattern> StylePatterns => _stylePatterns;

    internal bool RequiresEveryStylePattern => _requireEveryStylePattern;

    internal double StyleMin => _styleMin;

    internal DescriptorBound Bpm => _bpm;

    internal DescriptorBound Danceability => _danceability;

    internal DescriptorBound Loudness => _loudness;

    internal bool ConstrainsKey => _constrainsKey;

    internal bool ConstrainsScale => _scale is not null;

    internal bool MatchesScale(string? scale) => _scale is null || string.Equals(scale, _scale, StringComparison.OrdinalIgnoreCase);

    /// <summary>Key test with the stored key's pitch class already known (-1 when it is not a note name).</summary>
    internal bool MatchesKey(string? key, int pitchClass)
    {
        if (!_constrainsKey)
        {
            return true;
        }

        if (key is null)
        {
            return false;
        }

        if (pitchClass >= 0 && (_keyPitchClasses & (1 << pitchClass)) != 0)
        {
            return true;
        }

        foreach (var other in _otherKeys)
        {
            if (string.Equals(key, other, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
