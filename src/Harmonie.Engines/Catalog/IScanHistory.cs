using Harmonie.Scanning;

namespace Harmonie.Engines.Catalog;

/// <summary>The persistent record of scans and their failures.</summary>
public interface IScanHistory
{
    Task<long> StartScanAsync(ScanRecord scan, CancellationToken cancellationToken);

    /// <summary>Stores the latest counters of a running scan (so a crash keeps them).</summary>
    Task UpdateScanAsync(long id, ScanCounters counters, CancellationToken cancellationToken);

    Task FinishScanAsync(long id, ScanCounters counters, string state, string? lastError, double finishedAt, double durationSec, CancellationToken cancellationToken);

    Task AddScanFailureAsync(ScanFailureRecord failure, CancellationToken cancellationToken);

    /// <summary>
    /// Marks rows still <c>running</c> as <c>crashed</c> (their process died), except <paramref name="exceptScanId"/>
    /// (a scan the coordinator is resuming); returns how many.
    /// </summary>
    Task<int> MarkRunningScansCrashedAsync(long? exceptScanId, CancellationToken cancellationToken);

    Task<(IReadOnlyList<ScanRecord> Items, long Total)> ListScansAsync(int limit, int offset, CancellationToken cancellationToken);

    Task<ScanRecord?> GetScanAsync(long id, CancellationToken cancellationToken);

    Task<(IReadOnlyList<ScanFailureRecord> Items, long Total)> GetScanFailuresAsync(long scanId, int limit, int offset, CancellationToken cancellationToken);
}
