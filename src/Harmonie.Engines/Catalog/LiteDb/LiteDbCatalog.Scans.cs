using Harmonie.Scanning;
using LiteDB;

namespace Harmonie.Engines.Catalog.LiteDb;

public sealed partial class LiteDbCatalog
{
    private const string InterruptedError = "interrupted before completion";

    public Task<long> StartScanAsync(ScanRecord scan, CancellationToken cancellationToken) =>
        Task.FromResult(Write(_ =>
        {
            var id = NextCounter(NextScanIdKey);
            _scans.Insert(ScanDocuments.ToDocument(scan with { Id = id }));
            return id;
        }));

    public Task UpdateScanAsync(long id, ScanCounters counters, CancellationToken cancellationToken)
    {
        Write(_ =>
        {
            if (_scans.FindById(id) is { } doc)
            {
                ScanDocuments.SetCounters(doc, counters);
                _scans.Update(doc);
            }

            return 0;
        });
        return Task.CompletedTask;
    }

    public Task FinishScanAsync(long id, ScanCounters counters, string state, string? lastError, double finishedAt, double durationSec, CancellationToken cancellationToken)
    {
        Write(_ =>
        {
            if (_scans.FindById(id) is { } doc)
            {
                ScanDocuments.SetCounters(doc, counters);
                doc["state"] = state;
                doc["last_error"] = lastError;
                doc["finished_at"] = finishedAt;
                doc["duration_sec"] = durationSec;
                _scans.Update(doc);
            }

            return 0;
        });
        return Task.CompletedTask;
    }

    public Task AddScanFailureAsync(ScanFailureRecord failure, CancellationToken cancellationToken)
    {
        Write(_ => _failures.Insert(ScanDocuments.ToDocument(failure)));
        return Task.CompletedTask;
    }

    public Task<int> MarkRunningScansCrashedAsync(long? exceptScanId, CancellationToken cancellationToken) =>
        Task.FromResult(Write(_ =>
        {
            var count = 0;
            foreach (var doc in _scans.Find(Query.EQ("state", ScanHistoryRecordState.Running)).Where(d => d["_id"].AsInt64 != exceptScanId).ToList())
            {
                doc["state"] = ScanHistoryRecordState.Crashed;
                if (doc["finished_at"].IsNull)
                {
                    doc["finished_at"] = doc["started_at"];
                }

                if (doc["last_error"].IsNull)
                {
                    doc["last_error"] = InterruptedError;
                }

                _scans.Update(doc);
                count++;
            }

            return count;
        }));

    public Task<(IReadOnlyList<ScanRecord> Items, long Total)> ListScansAsync(int limit, int offset, CancellationToken cancellationToken)
    {
        var items = _scans.Query().OrderByDescending("_id").Skip(offset).Limit(limit).ToList().Select(ScanDocuments.ToRecord).ToList();
        return Task.FromResult<(IReadOnlyList<ScanRecord>, long)>((items, _scans.Count()));
    }

    public Task<ScanRecord?> GetScanAsync(long id, CancellationToken cancellationToken) =>
        Task.FromResult(_scans.FindById(id) is { } doc ? ScanDocuments.ToRecord(doc) : null);

    public Task<(IReadOnlyList<ScanFailureRecord> Items, long Total)> GetScanFailuresAsync(long scanId, int limit, int offset, CancellationToken cancellationToken)
    {
        var query = Query.EQ("scan_id", scanId);
        var items = _failures.Query().Where(query).OrderBy("_id").Skip(offset).Limit(limit).ToList().Select(ScanDocuments.ToFailure).ToList();
        return Task.FromResult<(IReadOnlyList<ScanFailureRecord>, long)>((items, _failures.Count(query)));
    }
}
