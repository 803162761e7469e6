using Harmonie.Scanning;

namespace Harmonie.Engines.Catalog.Postgres;

public sealed partial class PostgresCatalog
{
    private const string InterruptedError = "interrupted before completion";

    public async Task<long> StartScanAsync(ScanRecord scan, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            INSERT INTO harmonie_scans (started_at, finished_at, duration_sec, discovered, "full", descriptors_only, skipped,
                failed, removed, workers, backend, model, forced, harmonie_version, descriptor_version, state, last_error)
            VALUES (@started_at, @finished_at, @duration_sec, @discovered, @full, @descriptors_only, @skipped,
                @failed, @removed, @workers, @backend, @model, @forced, @harmonie_version, @descriptor_version, @state, @last_error)
            RETURNING id
            """);
        Sql.Add(command, "started_at", scan.StartedAt);
        Sql.Add(command, "finished_at", scan.FinishedAt);
        Sql.Add(command, "duration_sec", scan.DurationSec);
        ScanRows.AddCounters(command, scan.Counters);
        Sql.Add(command, "workers", scan.Workers);
        Sql.Add(command, "backend", scan.Backend);
        Sql.Add(command, "model", scan.Model);
        Sql.Add(command, "forced", scan.Forced);
        Sql.Add(command, "harmonie_version", scan.HarmonieVersion);
        Sql.Add(command, "descriptor_version", scan.DescriptorVersion);
        Sql.Add(command, "state", scan.State);
        Sql.Add(command, "last_error", scan.LastError);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public async Task UpdateScanAsync(long id, ScanCounters counters, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            UPDATE harmonie_scans SET discovered = @discovered, "full" = @full, descriptors_only = @descriptors_only,
                skipped = @skipped, failed = @failed, removed = @removed
            WHERE id = @id
            """);
        Sql.Add(command, "id", id);
        ScanRows.AddCounters(command, counters);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task FinishScanAsync(long id, ScanCounters counters, string state, string? lastError, double finishedAt, double durationSec, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            UPDATE harmonie_scans SET discovered = @discovered, "full" = @full, descriptors_only = @descriptors_only,
                skipped = @skipped, failed = @failed, removed = @removed, state = @state, last_error = @last_error,
                finished_at = @finished_at, duration_sec = @duration_sec
            WHERE id = @id
            """);
        Sql.Add(command, "id", id);
        ScanRows.AddCounters(command, counters);
        Sql.Add(command, "state", state);
        Sql.Add(command, "last_error", lastError);
        Sql.Add(command, "finished_at", finishedAt);
        Sql.Add(command, "duration_sec", durationSec);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task AddScanFailureAsync(ScanFailureRecord failure, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            $"INSERT INTO harmonie_scan_failures ({ScanRows.FailureColumns}) VALUES (@scan_id, @path, @error, @failed_at, @size, @mtime)");
        Sql.Add(command, "scan_id", failure.ScanId);
        Sql.Add(command, "path", failure.Path);
        Sql.Add(command, "error", failure.Error);
        Sql.Add(command, "failed_at", failure.FailedAt);
        Sql.Add(command, "size", failure.Size);
        Sql.Add(command, "mtime", failure.Mtime);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> MarkRunningScansCrashedAsync(long? exceptScanId, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            UPDATE harmonie_scans SET state = @crashed, finished_at = coalesce(finished_at, started_at),
                last_error = coalesce(last_error, @error)
            WHERE state = @running AND id <> @except
            """);
        Sql.Add(command, "except", exceptScanId ?? -1L);
        Sql.Add(command, "crashed", ScanHistoryRecordState.Crashed);
        Sql.Add(command, "running", ScanHistoryRecordState.Running);
        Sql.Add(command, "error", InterruptedError);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<(IReadOnlyList<ScanRecord> Items, long Total)> ListScansAsync(int limit, int offset, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            $"SELECT {ScanRows.Columns}, count(*) OVER () FROM harmonie_scans ORDER BY id DESC LIMIT @limit OFFSET @offset");
        Sql.Add(command, "limit", limit);
        Sql.Add(command, "offset", offset);
        var items = new List<ScanRecord>();
        long total = -1;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                items.Add(ScanRows.ToRecord(reader));
                total = reader.GetInt64(18);
            }
        }

        return (items, total >= 0 ? total : await CountAsync("SELECT count(*) FROM harmonie_scans", null, cancellationToken).ConfigureAwait(false));
    }

    public async Task<ScanRecord?> GetScanAsync(long id, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"SELECT {ScanRows.Columns} FROM harmonie_scans WHERE id = @id");
        Sql.Add(command, "id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ScanRows.ToRecord(reader) : null;
    }

    public async Task<(IReadOnlyList<ScanFailureRecord> Items, long Total)> GetScanFailuresAsync(long scanId, int limit, int offset, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            $"SELECT {ScanRows.FailureColumns} FROM harmonie_scan_failures WHERE scan_id = @scan_id ORDER BY id LIMIT @limit OFFSET @offset");
        Sql.Add(command, "scan_id", scanId);
        Sql.Add(command, "limit", limit);
        Sql.Add(command, "offset", offset);
        var items = new List<ScanFailureRecord>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                items.Add(ScanRows.ToFailure(reader));
            }
        }

        var total = await CountAsync("SELECT count(*) FROM harmonie_scan_failures WHERE scan_id = @scan_id", scanId, cancellationToken).ConfigureAwait(false);
        return (items, total);
    }

    private async Task<long> CountAsync(string sql, long? scanId, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(sql);
        Sql.Add(command, "scan_id", scanId);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
