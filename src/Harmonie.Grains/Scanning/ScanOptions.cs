namespace Harmonie.Grains.Scanning;

/// <summary>Scan settings the grains read (bound from the <c>HARMONIE_*</c> variables by the host).</summary>
public sealed class ScanOptions
{
    /// <summary>Library roots as configured (normalised paths).</summary>
    public IReadOnlyList<string> Libraries { get; set; } = [];

    /// <summary>Concurrent analyses per silo.</summary>
    public int Workers { get; set; } = 1;

    /// <summary>Time between scheduled scans; zero disables them.</summary>
    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromHours(24);

    public bool ScanOnStartup { get; set; } = true;

    /// <summary>Longest one file may take to analyse before it is recorded as a failure.</summary>
    public TimeSpan AnalysisTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long rows of a root that is no longer configured are kept for relocation before being pruned.</summary>
    public TimeSpan OrphanRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Where the embedded catalog lives (null when the catalog is a database server).</summary>
    public string? CatalogDirectory { get; set; }

    /// <summary>Free space a scan keeps in <see cref="CatalogDirectory"/>; it stops with an error below it.</summary>
    public long MinimumFreeBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>How often library grains report progress while a phase runs.</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromMilliseconds(500);
}
