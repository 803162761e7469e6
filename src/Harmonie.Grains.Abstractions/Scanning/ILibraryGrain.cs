using Orleans.Concurrency;

namespace Harmonie.Scanning;

/// <summary>
/// One per library root (key: the normalised root path). Runs the per-root phases of a scan —
/// enumerate, classify (with relocation), extract, prune — for the coordinator.
/// </summary>
[Alias("harmonie.ILibraryGrain")]
public interface ILibraryGrain : IGrainWithStringKey
{
    /// <summary>
    /// Walks the root, skipping real paths already claimed by earlier roots; returns the real paths it claimed.
    /// <paramref name="countDiscovered"/> is false when a scan re-enumerates a root after losing its grain.
    /// Progress is reported under <paramref name="attempt"/>, the coordinator's run of the scan: reports of an
    /// earlier run (still in flight when the scan was resumed elsewhere) are ignored, so no file counts twice.
    /// </summary>
    [Alias("Enumerate")]
    [ResponseTimeout("1.00:00:00")]
    Task<Immutable<string[]>> EnumerateAsync(long scanId, int attempt, Immutable<IReadOnlySet<string>> claimed, bool countDiscovered, CancellationToken cancellationToken);

    [Alias("Classify")]
    [ResponseTimeout("1.00:00:00")]
    Task<LibraryClassification> ClassifyAsync(ClassifyRequest request, CancellationToken cancellationToken);

    /// <summary>Analyses the files classified for analysis; counters are reported as results arrive.</summary>
    /// <remarks>
    /// Orleans drops a request whose timeout exceeds about 24.8 days (int32 milliseconds) as expired when it
    /// crosses the network, so a longer "effectively endless" value would hang a scan of a remote library.
    /// </remarks>
    [Alias("Extract")]
    [ResponseTimeout("24.00:00:00")]
    Task ExtractAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Removes rows of this root whose files were not enumerated in scan <paramref name="scanId"/>; returns how many.
    /// An activation that has not walked the root in that scan (its silo died since) walks it again first.
    /// </summary>
    [Alias("Prune")]
    [ResponseTimeout("1.00:00:00")]
    Task<int> PruneAsync(long scanId, int attempt, Immutable<IReadOnlySet<string>> claimed, CancellationToken cancellationToken);
}
