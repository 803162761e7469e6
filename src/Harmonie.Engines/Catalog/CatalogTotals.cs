using Harmonie.Tracks;

namespace Harmonie.Engines.Catalog;

/// <summary>Running library totals kept up to date on every write, so <c>/status</c> never scans the table.</summary>
internal sealed class CatalogTotals
{
    private readonly Dictionary<string, long> _byModel = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _byRoot = new(StringComparer.Ordinal);

    public long Tracks { get; private set; }

    public double Duration { get; private set; }

    public long Bytes { get; private set; }

    public IReadOnlyDictionary<string, long> ByModel() =>
        new SortedDictionary<string, long>(_byModel.Where(kv => kv.Value > 0).ToDictionary(), StringComparer.Ordinal);

    public IReadOnlyDictionary<string, long> ByRoot() =>
        new SortedDictionary<string, long>(_byRoot.Where(kv => kv.Value > 0).ToDictionary(), StringComparer.Ordinal);

    /// <summary>Distinct library roots that still have tracks.</summary>
    public IReadOnlyList<string> Roots() => [.. _byRoot.Where(kv => kv.Value > 0).Select(kv => kv.Key).Order(StringComparer.Ordinal)];

    public void Replace(TrackRecord? before, TrackRecord? after)
    {
        if (before is not null)
        {
            Apply(before, -1);
        }

        if (after is not null)
        {
            Apply(after, +1);
        }
    }

    private void Apply(TrackRecord track, int sign)
    {
        Tracks += sign;
        Duration += sign * track.Duration;
        Bytes += sign * track.Size;
        if (track.Model is not null)
        {
            _byModel[track.Model] = _byModel.GetValueOrDefault(track.Model) + sign;
        }

        if (track.LibraryRoot is not null)
        {
            _byRoot[track.LibraryRoot] = _byRoot.GetValueOrDefault(track.LibraryRoot) + sign;
        }
    }
}
