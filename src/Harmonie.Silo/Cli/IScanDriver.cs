using Harmonie.Web.Contracts;

namespace Harmonie.Silo.Cli;

/// <summary>Starts, follows and cancels a scan, either in this process or on the running server.</summary>
public interface IScanDriver
{
    Task<ScanStateResponse> StartAsync(bool force, CancellationToken cancellationToken);

    Task<ScanStateResponse> GetStatusAsync(CancellationToken cancellationToken);

    Task CancelAsync(CancellationToken cancellationToken);

    /// <summary>One scan of the history with its failures; null when there is no such scan.</summary>
    Task<ScanDetailResponse?> GetScanDetailAsync(long scanId, CancellationToken cancellationToken);
}
