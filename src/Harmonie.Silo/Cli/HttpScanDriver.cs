using Harmonie.Web.Contracts;

namespace Harmonie.Silo.Cli;

/// <summary>Drives the scan of the server that owns the data directory.</summary>
public sealed class HttpScanDriver(ServerClient client) : IScanDriver
{
    public Task<ScanStateResponse> StartAsync(bool force, CancellationToken cancellationToken) => client.StartScanAsync(force, cancellationToken);

    public Task<ScanStateResponse> GetStatusAsync(CancellationToken cancellationToken) => client.GetScanAsync(cancellationToken);

    public Task CancelAsync(CancellationToken cancellationToken) => client.CancelScanAsync(cancellationToken);

    public Task<ScanDetailResponse?> GetScanDetailAsync(long scanId, CancellationToken cancellationToken) =>
        client.GetScanDetailAsync(scanId, cancellationToken);
}
