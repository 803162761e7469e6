using System.Runtime.InteropServices;
using Harmonie.Analysis;
using Harmonie.Filtering;
using Harmonie.Tracks;

namespace Harmonie.Engines.Filtering;

/// <summary>
/// Accumulates stored style rows into the <c>/genres</c> and <c>/styles</c> listings (BEHAVIOUR.md §9.1).
/// Rows below <see cref="StyleMin"/> are ignored. Shards each fill one, send <see cref="ToTallies"/>, and the
/// caller merges the tallies into a fresh instance before listing. Not thread-safe.
/// </summary>
public sealed class StyleStatistics
{
    private const string Separator = "---";

    private readonly Dictionary<string, LabelTotals> _labels = new(StringComparer.Ordinal);

    /// <param name="styleMin">A row counts only when its probability is at least this (0–1).</param>
    public StyleStatistics(double styleMin = 0)
    {
        StyleMin = styleMin;
    }

    public double StyleMin { get; }

    public static StyleStatistics Compute(IEnumerable<TrackRecord> tracks, double styleMin = 0)
    {
        var statistics = new StyleStatistics(styleMin);
        statistics.AddRange(tracks);
        return statistics;
    }

    public void Add(TrackRecord track) => Add(track.Styles);

    public void AddRange(IEnumerable<TrackRecord> tracks)
    {
        foreach (var track in tracks)
        {
            Add(track.Styles);
        }
    }

    public void Add(IReadOnlyList<StyleScore> styles)
    {
        for (var i = 0; i < styles.Count; i++)
        {
            var row = styles[i];
            if (row.Probability >= StyleMin)
            {
                ref var totals = ref CollectionsMarshal.GetValueRefOrAddDefault(_labels, row.Style, out _);
                totals.Add(1, row.Probability, row.Probability);
            }
        }
    }

    /// <summary>Adds a partial computed elsewhere with the same <see cref="StyleMin"/>.</summary>
    public void Merge(IEnumerable<StyleTally> tallies)
    {
        foreach (var tally in tallies)
        {
            if (tally.RowCount > 0)
            {
                ref var totals = ref CollectionsMarshal.GetValueRefOrAddDefault(_labels, tally.Style, out _);
                totals.Add(tally.RowCount, tally.ProbabilitySum, tally.MaxProbability);
            }
        }
    }

    public void Merge(StyleStatistics other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!other.StyleMin.Equals(StyleMin))
        {
            throw new ArgumentException($"cannot merge statistics with style_min {other.StyleMin} into style_min {StyleMin}", nameof(other));
        }

        Merge(other.ToTallies());
    }

    /// <summary>The mergeable partial: one entry per label, ordered by label.</summary>
    public IReadOnlyList<StyleTally> ToTallies() =>
        [.. _labels
            .OrderBy(entry => entry.Key, StringComparer.Ordinal)
            .Select(entry => new StyleTally(entry.Key, entry.Value.Rows, entry.Value.Sum, entry.Value.Max))];

    /// <summary>
    /// The <c>/genres</c> listing: labels containing <c>---</c> grouped by the text before the first one;
    /// most style rows first, then by genre name (ordinal).
    /// </summary>
    public IReadOnlyList<GenreSummary> ListGenres()
    {
        var genres = new Dictionary<string, (long Rows, int Labels, double Sum, double Max)>(StringComparer.Ordinal);
        foreach (var (label, totals) in _labels)
        {
            var separator = label.IndexOf(Separator, StringComparison.Ordinal);
            if (separator < 0)
            {
                continue;
            }

            ref var genre = ref CollectionsMarshal.GetValueRefOrAddDefault(genres, label[..separator], out var exists);
            genre = exists
                ? (genre.Rows + totals.Rows, genre.Labels + 1, genre.Sum + totals.Sum, Math.Max(genre.Max, totals.Max))
                : (totals.Rows, 1, totals.Sum, totals.Max);
        }

        return [.. genres
            .Select(entry => new GenreSummary(entry.Key, entry.Value.Rows, entry.Value.Labels, entry.Value.Sum / entry.Value.Rows, entry.Value.Max))
            .OrderByDescending(genre => genre.TrackCount)
            .ThenBy(genre => genre.Genre, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The <c>/styles</c> listing, optionally only labels starting with <c>genre---</c> (case-insensitive,
    /// literal); most style rows first, then by label (ordinal). A null or empty genre lists every label.
    /// </summary>
    public IReadOnlyList<StyleSummary> ListStyles(string? genre = null)
    {
        var prefix = string.IsNullOrEmpty(genre) ? null : genre + Separator;
        return [.. _labels
            .Where(entry => prefix is null || entry.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(entry => new StyleSummary(entry.Key, entry.Value.Rows, entry.Value.Sum / entry.Value.Rows, entry.Value.Max))
            .OrderByDescending(style => style.TrackCount)
            .ThenBy(style => style.Style, StringComparer.Ordinal)];
    }

    private struct LabelTotals
    {
        public long Rows;
        public double Sum;
        public double Max;

        public void Add(long rows, double sum, double max)
        {
            Max = Rows == 0 ? max : Math.Max(Max, max);
            Rows += rows;
            Sum += sum;
        }
    }
}
