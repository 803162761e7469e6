namespace Harmonie.Tracks;

/// <summary>Sort keys of <c>GET /tracks</c> (ascending, nulls first, then by id).</summary>
public enum TrackOrder
{
    Id,
    Path,
    Bpm,
    Duration,
    AnalyzedAt,
}
