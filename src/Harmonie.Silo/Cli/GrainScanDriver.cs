using Harmonie.Engines.Catalog;
using Harmonie.Scanning;
using Harmonie.Web.Contracts;

namespace Harmonie.Silo.Cli;

/// <summary>Drives the scan coordinator of the silo hosted by this process.</summary>
public sealed class GrainScanDriver(IGrainFactory grains, ICatalog catalog) : IScanDriver
{
    private IScanCoordinatorGrain Coordinator => grains.GetGrain<IScanCoordinatorGrain>(0);

    public async Task<ScanStateResponse> StartAsync(bool force, CancellationToken cancellationToken)
    {
        await Coordinator.InitializeAsync();
        return ScanStateResponse.From(await Coordinator.StartAsync(force));
    }

    public async Task<ScanStateResponse> GetStatusAsync(CancellationToken cancellationToken) =>
        ScanStateResponse.From(await Coordinator.GetStatusAsync());

    public Task CancelAsync(CancellationToken cancellationToken) => Coordinator.CancelAsync();

    public Task<ScanDetailResponse?> GetScanDetailAsync(long scanId, CancellationToken cancellationToken) =>
        ScanHistoryReader.ReadDetailAsync(catalog, scanId, cancellationToken);
}
