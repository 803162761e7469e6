using Harmonie.Scanning;

namespace Harmonie.Grains.Scanning;

/// <summary>
/// What the coordinator persists (grain storage: memory in one process, the database in a cluster), so a
/// scan whose coordinator's silo died is resumed where another silo reactivates it.
/// </summary>
[GenerateSerializer, Alias("harmonie.ScanCoordinatorState")]
public sealed class ScanCoordinatorState
{
    [Id(0)] public ScanStatus Status { get; set; } = new();

    [Id(1)] public bool Force { get; set; }

    [Id(2)] public List<ScanFailure> RecentFailures { get; set; } = [];

    /// <summary>Files already analysed by earlier attempts of the running scan (they classify as skipped on resume).</summary>
    [Id(3)] public long AnalysedByEarlierAttempts { get; set; }

    /// <summary>Which run of the scan is current: 0 when it starts, one more at each resume.</summary>
    [Id(4)] public int Attempt { get; set; }
}
