using Harmonie.Engines.Catalog;
using Harmonie.Engines.Telemetry;
using Microsoft.Extensions.Hosting;

namespace Harmonie.Silo.Hosting;

/// <summary>
/// Feeds the <c>harmonie.tracks</c> gauge from the catalog while the host runs, reading the counts at most once
/// per <c>maxAge</c>: scrapes are synchronous, and on PostgreSQL the counts are a query.
/// </summary>
internal sealed class TrackCountGauge(ICatalog catalog, TimeSpan maxAge) : IHostedService
{
    private readonly Lock _gate = new();
    private IReadOnlyDictionary<string, long> _counts = new Dictionary<string, long>();
    private DateTime _readAt = DateTime.MinValue;
    private IDisposable? _registration;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registration = HarmonieMetrics.ObserveTracksByModel(Read);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _registration?.Dispose();
        return Task.CompletedTask;
    }

    private IReadOnlyDictionary<string, long> Read()
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
