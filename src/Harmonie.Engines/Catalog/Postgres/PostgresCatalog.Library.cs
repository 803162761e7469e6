using Npgsql;

namespace Harmonie.Engines.Catalog.Postgres;

public sealed partial class PostgresCatalog
{
    public Task<IReadOnlyList<TrackFileState>> GetFileStatesAsync(string resolvedRoot, CancellationToken cancellationToken) =>
        QueryFileStatesAsync(
            $"SELECT {TrackRows.FileStateColumns} FROM harmonie_tracks WHERE library_root = @root",
            c => Sql.Add(c, "root", resolvedRoot),
            cancellationToken);

    public async Task<TrackFileState?> GetFileStateAsync(string path, CancellationToken cancellationToken)
    {
        var rows = await QueryFileStatesAsync(
            $"SELECT {TrackRows.FileStateColumns} FROM harmonie_tracks WHERE path = @path",
            c => Sql.Add(c, "path", path),
            cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<IReadOnlyList<TrackFileState>> GetOrphanedFileStatesAsync(IReadOnlyCollection<string> configuredRoots, CancellationToken cancellationToken)
    {
        // The roots come from the totals (a few rows); each orphaned root is then one index lookup.
        var orphaned = (await GetLibraryRootsAsync(cancellationToken).ConfigureAwait(false))
            .Except(configuredRoots, StringComparer.Ordinal)
            .ToArray();
        if (orphaned.Length == 0)
        {
            return [];
        }

        return await QueryFileStatesAsync(
            $"SELECT {TrackRows.FileStateColumns} FROM harmonie_tracks WHERE library_root = ANY(@roots)",
            c => Sql.Add(c, "roots", orphaned),
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string>> GetLibraryRootsAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT key FROM harmonie_totals WHERE kind = 'root' AND tracks > 0");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var roots = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            roots.Add(reader.GetString(0));
        }

        return [.. roots.Order(StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyDictionary<string, double>> GetOrphanedSinceAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT root, since FROM harmonie_orphaned_roots");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result[reader.GetString(0)] = reader.GetDouble(1);
        }

        return result;
    }

    public async Task SetOrphanedSinceAsync(IReadOnlyDictionary<string, double> orphanedSince, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var clear = Sql.Command(connection, "DELETE FROM harmonie_orphaned_roots", transaction))
        {
            await clear.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var insert = Sql.Command(connection, "INSERT INTO harmonie_orphaned_roots (root, since) SELECT * FROM unnest(@roots, @since)", transaction))
        {
            Sql.Add(insert, "roots", orphanedSince.Keys.ToArray());
            Sql.Add(insert, "since", orphanedSince.Values.ToArray());
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<TrackFileState>> QueryFileStatesAsync(string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(sql);
        bind(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<TrackFileState>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(TrackRows.ToFileState(reader));
        }

        return rows;
    }
}
