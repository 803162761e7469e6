namespace Harmonie.Scanning;

/// <summary>
/// One per cluster (key 0): the scan state machine, its schedule, history and cancellation.
/// Library grains report their progress back to it.
/// </summary>
[Alias("harmonie.IScanCoordinatorGrain")]
public interface IScanCoordinatorGrain : IGrainWithIntegerKey
{
    /// <summary>Marks scans left running by a dead process as crashed and arms the startup and periodic scans.</summary>
    [Alias("Initialize")]
    Task InitializeAsync();

    /// <summary>Starts a scan in the background; a no-op returning the live state while one runs.</summary>
    [Alias("Start")]
    Task<ScanStatus> StartAsync(bool force);

    [Alias("GetStatus")]
    Task<ScanStatus> GetStatusAsync();

    /// <summary>Requests cancellation; false when no scan is running.</summary>
    [Alias("Cancel")]
    Task<bool> CancelAsync();

    [Alias("Report")]
    Task ReportAsync(ScanProgress progress);
}
