using System.Data.Common;
using Harmonie.Scanning;
using Npgsql;

namespace Harmonie.Engines.Catalog.Postgres;

/// <summary>Maps scan history rows to and from records.</summary>
internal static class ScanRows
{
    public const string Columns =
        "id, started_at, finished_at, duration_sec, discovered, \"full\", descriptors_only, skipped, failed, removed, " +
        "workers, backend, model, forced, harmonie_version, descriptor_version, state, last_error";

    public const string FailureColumns = "scan_id, path, error, failed_at, size, mtime";

    public static void AddCounters(NpgsqlCommand command, ScanCounters counters)
    {
        Sql.Add(command, "discovered", counters.Discovered);
        Sql.Add(command, "full", counters.Full);
        Sql.Add(command, "descriptors_only", counters.DescriptorsOnly);
        Sql.Add(command, "skipped", counters.Skipped);
        Sql.Add(command, "failed", counters.Failed);
        Sql.Add(command, "removed", counters.Removed);
    }

    public static ScanRecord ToRecord(DbDataReader row) => new()
    {
        Id = row.GetInt64(0),
        StartedAt = row.GetDouble(1),
        FinishedAt = row.IsDBNull(2) ? null : row.GetDouble(2),
        DurationSec = row.IsDBNull(3) ? null : row.GetDouble(3),
        Counters = new ScanCounters
        {
            Discovered = row.GetInt64(4),
            Full = row.GetInt64(5),
            DescriptorsOnly = row.GetInt64(6),
            Skipped = row.GetInt64(7),
            Failed = row.GetInt64(8),
            Removed = row.GetInt64(9),
        },
        Workers = row.GetInt32(10),
        Backend = row.GetString(11),
        Model = row.GetString(12),
        Forced = row.GetBoolean(13),
        HarmonieVersion = row.GetString(14),
        DescriptorVersion = row.GetInt32(15),
        State = row.GetString(16),
        LastError = row.IsDBNull(17) ? null : row.GetString(17),
    };

    public static ScanFailureRecord ToFailure(DbDataReader row) => new()
    {
        ScanId = row.GetInt64(0),
        Path = row.GetString(1),
        Error = row.GetString(2),
        FailedAt = row.GetDouble(3),
        Size = row.IsDBNull(4) ? null : row.GetInt64(4),
        Mtime = row.IsDBNull(5) ? null : row.GetDouble(5),
    };
}
