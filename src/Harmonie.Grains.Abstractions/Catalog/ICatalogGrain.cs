using Harmonie.Scanning;
using Harmonie.Tracks;

namespace Harmonie.Catalog;

/// <summary>Stateless worker answering read queries from the catalog on the local silo.</summary>
[Alias("harmonie.ICatalogGrain")]
public interface ICatalogGrain : IGrainWithIntegerKey
{
    [Alias("GetTrack")]
    Task<TrackRecord?> GetTrackAsync(long id, CancellationToken cancellationToken);

    [Alias("ListTracks")]
    Task<TrackPage> ListTracksAsync(TrackListQuery query, CancellationToken cancellationToken);

    [Alias("Resolve")]
    Task<TrackRecord?> ResolveAsync(TrackReference reference, CancellationToken cancellationToken);

    [Alias("GetServiceStatus")]
    Task<ServiceStatus> GetServiceStatusAsync(CancellationToken cancellationToken);

    [Alias("ListScans")]
    Task<ScanHistoryPage> ListScansAsync(int limit, int offset, CancellationToken cancellationToken);

    [Alias("GetScan")]
    Task<ScanDetail?> GetScanAsync(long id, int failureLimit, CancellationToken cancellationToken);
}
