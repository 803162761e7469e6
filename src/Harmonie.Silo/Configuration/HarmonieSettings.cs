using Microsoft.Extensions.Logging;

namespace Harmonie.Silo.Configuration;

/// <summary>The service configuration, read from <c>HARMONIE_*</c> variables (see README "Configuration").</summary>
public sealed record HarmonieSettings
{
    public IReadOnlyList<string> Libraries { get; init; } = [];

    public required string DataDir { get; init; }

    public string DbFilename { get; init; } = "harmonie.db";

    /// <summary>The configured value; zero or negative means "usable CPUs" (see <see cref="ResolvedWorkers"/>).</summary>
    public int Workers { get; init; }

    public double ScanIntervalHours { get; init; } = 24;

    public bool ScanOnStartup { get; init; } = true;

    public string Host { get; init; } = "0.0.0.0";

    public int Port { get; init; } = 8842;

    public string? ApiKey { get; init; }

    public IReadOnlyList<string> CorsOrigins { get; init; } = [];

    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>Serve the Orleans dashboard at <c>/dashboard</c> (behind the API key when one is set).</summary>
    public bool Dashboard { get; init; } = true;

    /// <summary><c>text</c> (the original's line format) or <c>json</c> (one JSON object per line).</summary>
    public LogFormat LogFormat { get; init; } = LogFormat.Text;

    /// <summary>Folders searched for model files, in order.</summary>
    public required IReadOnlyList<string> ModelsDirs { get; init; }

    public double AnalysisTimeoutSeconds { get; init; } = 600;

    public double OrphanRetentionDays { get; init; } = 7;

    public int InferenceThreads { get; init; } = 1;

    /// <summary>Minutes an unused playlist session is kept for continuation.</summary>
    public double PlaylistSessionMinutes { get; init; } = 30;

    /// <summary>Free space a scan keeps on the data directory's disk (0 = no check); below it the scan stops.</summary>
    public double MinFreeMegabytes { get; init; } = 100;

    /// <summary>Most playlist sessions one silo keeps (the least recently used is dropped beyond it).</summary>
    public int PlaylistSessions { get; init; } = 1000;

    /// <summary>Shards per model of the similarity index (default 1, or 4 in a cluster).</summary>
    public int IndexShards { get; init; } = 1;

    /// <summary>PostgreSQL connection string; when set this silo joins the cluster sharing that database.</summary>
    public string? Postgres { get; init; }

    /// <summary>Name of the cluster the silos of one PostgreSQL database form.</summary>
    public string ClusterId { get; init; } = "harmonie";

    /// <summary>Address other silos reach this one at (cluster mode); defaults to this host's first non-loopback IPv4.</summary>
    public string? AdvertisedAddress { get; init; }

    public bool IsClusterMember => Postgres is not null;

    public int SiloPort { get; init; } = 11111;

    public int GatewayPort { get; init; } = 30000;

    /// <summary>
    /// Cluster mode: a PKCS#12 file (certificate and key) shared by every silo. Silo and gateway connections then
    /// use TLS and accept only peers presenting this same certificate.
    /// </summary>
    public string? ClusterCertificate { get; init; }

    public string? ClusterCertificatePassword { get; init; }

    /// <summary>Cluster mode: allow plain connections on a non-loopback address (a trusted private network only).</summary>
    public bool ClusterInsecure { get; init; }

    public string DbPath => Path.Combine(DataDir, DbFilename);

    /// <summary>Worker count in effect: the configured value, or the usable CPUs recomputed now.</summary>
    public int ResolvedWorkers => Workers > 0 ? Workers : UsableCpuCount.Get();
}
