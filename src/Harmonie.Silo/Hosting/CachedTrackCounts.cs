using Harmonie.Engines.Catalog;

namespace Harmonie.Silo.Hosting;

/// <summary>
/// Tracks per model for the <c>harmonie.tracks</c> gauge, read from the catalog at most once per
/// <c>maxAge</c>: scrapes are synchronous, and on PostgreSQL the counts are a query.
/// </summary>
internal sealed class CachedTrackCounts(ICatalog catalog, TimeSpan maxAge)
{
    private readonly Lock _gate = new();
    private IReadOnlyDictionary<string, long> _counts = new Dictionary<string, long>();
    private DateTime _readAt = DateTime.MinValue;

    public IReadOnlyDictionary<string, long> Read()
    {
        lock (_gate)
        {
            if (DateTime.UtcNow - _readAt >= maxAge)
            {
                try
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    _counts = catalog.GetStatsAsync(timeout.Token).GetAwaiter().GetResult().ByModel;
                }
                catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException or System.Data.Common.DbException)
                {
                    // Keep the last counts: a scrape must not fail because the database is briefly unreachable.
                }

                _readAt = DateTime.UtcNow;
            }

            return _counts;
        }
    }
}
