using Harmonie.Tracks;

namespace Harmonie.Engines.Similarity;

/// <summary>The listing order of <c>GET /tracks</c>: the key ascending with missing values first, then id.</summary>
public sealed class TrackListOrder : IComparer<TrackRecord>
{
    private static readonly Dictionary<TrackOrder, TrackListOrder> Orders =
        Enum.GetValues<TrackOrder>().ToDictionary(o => o, o => new TrackListOrder(o));

    private readonly TrackOrder _order;

    private TrackListOrder(TrackOrder order) => _order = order;

    public static TrackListOrder For(TrackOrder order) => Orders[order];

    public int Compare(TrackRecord? x, TrackRecord? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var byKey = _order switch
        {
            TrackOrder.Path => string.CompareOrdinal(x.Path, y.Path),
            TrackOrder.Bpm => Nullable.Compare(x.Descriptors.Bpm, y.Descriptors.Bpm),
            TrackOrder.Duration => x.Duration.CompareTo(y.Duration),
            TrackOrder.AnalyzedAt => x.AnalyzedAt.CompareTo(y.AnalyzedAt),
            _ => 0,
        };
        return byKey != 0 ? byKey : x.Id.CompareTo(y.Id);
    }
}
