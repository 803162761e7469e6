using Harmonie.Scanning;
using LiteDB;

namespace Harmonie.Engines.Catalog.LiteDb;

/// <summary>Maps scan history rows to and from LiteDB documents.</summary>
internal static class ScanDocuments
{
    public const string Collection = "scans";
    public const string FailureCollection = "scan_failures";

    public static BsonDocument ToDocument(ScanRecord scan) => new()
    {
        ["_id"] = scan.Id,
        ["started_at"] = scan.StartedAt,
        ["finished_at"] = scan.FinishedAt,
        ["duration_sec"] = scan.DurationSec,
        ["discovered"] = scan.Counters.Discovered,
        ["full"] = scan.Counters.Full,
        ["descriptors_only"] = scan.Counters.DescriptorsOnly,
        ["skipped"] = scan.Counters.Skipped,
        ["failed"] = scan.Counters.Failed,
        ["removed"] = scan.Counters.Removed,
        ["workers"] = scan.Workers,
        ["backend"] = scan.Backend,
        ["model"] = scan.Model,
        ["forced"] = scan.Forced,
        ["harmonie_version"] = scan.HarmonieVersion,
        ["descriptor_version"] = scan.DescriptorVersion,
        ["state"] = scan.State,
        ["last_error"] = scan.LastError,
    };

    public static void SetCounters(BsonDocument doc, ScanCounters counters)
    {
        doc["discovered"] = counters.Discovered;
        doc["full"] = counters.Full;
        doc["descriptors_only"] = counters.DescriptorsOnly;
        doc["skipped"] = counters.Skipped;
        doc["failed"] = counters.Failed;
        doc["removed"] = counters.Removed;
    }

    public static ScanRecord ToRecord(BsonDocument doc) => new()
    {
        Id = doc["_id"].AsInt64,
        StartedAt = doc["started_at"].AsDouble,
        FinishedAt = doc["finished_at"].IsNumber ? doc["finished_at"].AsDouble : null,
        DurationSec = doc["duration_sec"].IsNumber ? doc["duration_sec"].AsDouble : null,
        Counters = new ScanCounters
        {
            Discovered = doc["discovered"].AsInt64,
            Full = doc["full"].AsInt64,
            DescriptorsOnly = doc["descriptors_only"].AsInt64,
            Skipped = doc["skipped"].AsInt64,
            Failed = doc["failed"].AsInt64,
            Removed = doc["removed"].AsInt64,
        },
        Workers = doc["workers"].AsInt32,
        Backend = doc["backend"].AsString,
        Model = doc["model"].AsString,
        Forced = doc["forced"].AsBoolean,
        HarmonieVersion = doc["harmonie_version"].AsString,
        DescriptorVersion = doc["descriptor_version"].AsInt32,
        State = doc["state"].AsString,
        LastError = doc["last_error"].IsNull ? null : doc["last_error"].AsString,
    };

    public static BsonDocument ToDocument(ScanFailureRecord failure) => new()
    {
        ["scan_id"] = failure.ScanId,
        ["path"] = failure.Path,
        ["error"] = failure.Error,
        ["failed_at"] = failure.FailedAt,
        ["size"] = failure.Size,
        ["mtime"] = failure.Mtime,
    };

    public static ScanFailureRecord ToFailure(BsonDocument doc) => new()
    {
        ScanId = doc["scan_id"].AsInt64,
        Path = doc["path"].AsString,
        Error = doc["error"].AsString,
        FailedAt = doc["failed_at"].AsDouble,
        Size = doc["size"].IsNumber ? doc["size"].AsInt64 : null,
        Mtime = doc["mtime"].IsNumber ? doc["mtime"].AsDouble : null,
    };
}
