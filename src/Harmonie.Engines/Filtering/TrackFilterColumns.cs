using System.Runtime.InteropServices;
using Harmonie.Analysis;
using Harmonie.Tracks;

namespace Harmonie.Engines.Filtering;

/// <summary>
/// The values the filter looks at, stored column-wise by row number (e.g. an index slot), so that a filter can
/// scan a million rows without chasing one object per style row. Style labels become small integer ids; keys,
/// scales and labels are pooled, and each label keeps a bitset of the rows that carry it, so a style filter only
/// looks at the rows that can match. Rows are set and cleared in place. Single writer: do not call
/// <see cref="Set(int, TrackRecord)"/> or <see cref="Clear"/> while a <see cref="ColumnarTrackFilter"/> is reading.
/// </summary>
public sealed class TrackFilterColumns
{
    /// <summary>The catalog stores at most this many style rows per track.</summary>
    public const int MaxStyleRows = 10;

    private const int InitialCapacity = 1024;

    private readonly Dictionary<string, int> _labelIds = new(StringComparer.Ordinal);
    private readonly List<string> _labels = [];
    private readonly Dictionary<string, string> _pool = new(StringComparer.Ordinal);
    private readonly List<ulong[]> _rowsWithLabel = [];
    private readonly List<double> _lowestProbability = [];

    private ulong[] _presentRows = [];
    private double[] _bpm = [];
    private double[] _danceability = [];
    private double[] _loudness = [];
    private string?[] _keys = [];
    private sbyte[] _keyPitchClasses = [];
    private string?[] _scales = [];
    private byte[] _styleCounts = [];
    private int[] _styleLabels = [];
    private double[] _styleProbabilities = [];

    /// <summary>One past the highest row ever set.</summary>
    public int RowCount { get; private set; }

    /// <summary>Distinct style labels seen so far; a label keeps its id for the life of the columns.</summary>
    public int LabelCount => _labels.Count;

    public void Set(int row, TrackRecord track)
    {
        ArgumentNullException.ThrowIfNull(track);
        Set(row, track.Descriptors, track.Styles);
    }

    public void Set(int row, AudioDescriptors descriptors, IReadOnlyList<StyleScore> styles)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentNullException.ThrowIfNull(descriptors);
        ArgumentNullException.ThrowIfNull(styles);
        if (styles.Count > MaxStyleRows)
        {
            throw new ArgumentException($"a track has at most {MaxStyleRows} stored style rows, got {styles.Count}", nameof(styles));
        }

        EnsureCapacity(row + 1);
        RowCount = Math.Max(RowCount, row + 1);
        _presentRows[row >> 6] |= 1UL << row;
        _bpm[row] = descriptors.Bpm ?? double.NaN;
        _danceability[row] = descriptors.Danceability ?? double.NaN;
        _loudness[row] = descriptors.Loudness ?? double.NaN;
        _keys[row] = Pool(descriptors.Key);
        _keyPitchClasses[row] = (sbyte)(descriptors.Key is null ? -1 : PitchClass.Of(descriptors.Key));
        _scales[row] = Pool(descriptors.Scale);
        ForgetLabels(row);
        _styleCounts[row] = (byte)styles.Count;
        var offset = row * MaxStyleRows;
        for (var i = 0; i < styles.Count; i++)
        {
            var label = LabelId(styles[i].Style);
            _styleLabels[offset + i] = label;
            _styleProbabilities[offset + i] = styles[i].Probability;
            SetBit(ref CollectionsMarshal.AsSpan(_rowsWithLabel)[label], row);
            _lowestProbability[label] = Math.Min(_lowestProbability[label], styles[i].Probability);
        }
    }

    /// <summary>Marks a row as holding no track: no filter matches it.</summary>
    public void Clear(int row)
    {
        if (row >= 0 && row < RowCount)
        {
            _presentRows[row >> 6] &= ~(1UL << row);
            ForgetLabels(row);
            _styleCounts[row] = 0;
            _keys[row] = null;
            _scales[row] = null;
        }
    }

    /// <summary>Prepares a compiled filter for scanning these columns (maps its patterns onto the label ids).</summary>
    public ColumnarTrackFilter Bind(CompiledTrackFilter filter) => new(this, filter);

    internal bool IsPresent(int row) => (uint)row < (uint)RowCount && (_presentRows[row >> 6] & (1UL << row)) != 0;

    /// <summary>Bit r is set when row r holds a track.</summary>
    internal ReadOnlySpan<ulong> PresentRows => _presentRows;

    internal ReadOnlySpan<double> BpmColumn => _bpm;

    internal ReadOnlySpan<double> DanceabilityColumn => _danceability;

    internal ReadOnlySpan<double> LoudnessColumn => _loudness;

    internal double Bpm(int row) => _bpm[row];

    internal double Danceability(int row) => _danceability[row];

    internal double Loudness(int row) => _loudness[row];

    internal string? Key(int row) => _keys[row];

    internal int KeyPitchClass(int row) => _keyPitchClasses[row];

    internal string? Scale(int row) => _scales[row];

    internal int StyleCount(int row) => _styleCounts[row];

    internal ReadOnlySpan<int> StyleLabels(int row) => _styleLabels.AsSpan(row * MaxStyleRows, _styleCounts[row]);

    internal ReadOnlySpan<double> StyleProbabilities(int row) => _styleProbabilities.AsSpan(row * MaxStyleRows, _styleCounts[row]);

    internal string Label(int id) => _labels[id];

    /// <summary>Bit r is set when row r has a style row with this label (at any probability); may be shorter than the rows.</summary>
    internal ReadOnlySpan<ulong> RowsWithLabel(int id) => _rowsWithLabel[id];

    /// <summary>No row with this label has ever had a lower probability (not raised when rows go).</summary>
    internal double LowestProbability(int id) => _lowestProbability[id];

    private static void SetBit(ref ulong[] bits, int row)
    {
        var word = row >> 6;
        if (word >= bits.Length)
        {
            Array.Resize(ref bits, Math.Max(word + 1, bits.Length * 2));
        }

        bits[word] |= 1UL << row;
    }

    private void ForgetLabels(int row)
    {
        foreach (var label in StyleLabels(row))
        {
            _rowsWithLabel[label][row >> 6] &= ~(1UL << row);
        }
    }

    private int LabelId(string label)
    {
        if (!_labelIds.TryGetValue(label, out var id))
        {
            id = _labels.Count;
            _labels.Add(label);
            _labelIds.Add(label, id);
            _rowsWithLabel.Add([]);
            _lowestProbability.Add(double.PositiveInfinity);
        }

        return id;
    }

    private string? Pool(string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (!_pool.TryGetValue(value, out var pooled))
        {
            _pool.Add(value, value);
            pooled = value;
        }

        return pooled;
    }

    private void EnsureCapacity(int rows)
    {
        if (rows <= _bpm.Length)
        {
            return;
        }

        var capacity = Math.Max(Math.Max(InitialCapacity, rows), _bpm.Length * 2);
        Array.Resize(ref _presentRows, (capacity + 63) >> 6);
        Array.Resize(ref _bpm, capacity);
        Array.Resize(ref _danceability, capacity);
        Array.Resize(ref _loudness, capacity);
        Array.Resize(ref _keys, capacity);
        Array.Resize(ref _keyPitchClasses, capacity);
        Array.Resize(ref _scales, capacity);
        Array.Resize(ref _styleCounts, capacity);
        Array.Resize(ref _styleLabels, capacity * MaxStyleRows);
        Array.Resize(ref _styleProbabilities, capacity * MaxStyleRows);
    }
}
