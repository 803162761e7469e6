using System.Runtime.CompilerServices;
using Harmonie.Analysis;
using Harmonie.Catalog;
using Harmonie.Tracks;
using Npgsql;

namespace Harmonie.Engines.Catalog.Postgres;

/// <summary>
/// The cluster catalog: one PostgreSQL database shared by every silo. Each write is one statement or
/// one transaction, safe with any number of writing processes: ids and change numbers come from
/// sequences, saves are <c>ON CONFLICT (path)</c> upserts, guarded changes are conditional updates,
/// and library totals are kept by triggers in the writing transaction so <c>/status</c> reads a few rows.
/// </summary>
public sealed partial class PostgresCatalog : ICatalog
{
    private const int StreamBatch = 500;
    private static readonly int TrackColumnCount = TrackRows.Columns.Split(',').Length;
    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;

    private PostgresCatalog(NpgsqlDataSource dataSource, bool ownsDataSource, int previousSchemaVersion)
    {
        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
        PreviousSchemaVersion = previousSchemaVersion;
        Location = PostgresConnectionDescription.Describe(dataSource.ConnectionString);
    }

    /// <summary>The server and database, without the password (e.g. <c>postgresql://harmonie@db:5432/harmonie</c>).</summary>
    public string Location { get; }

    public int SchemaVersion => PostgresSchema.Version;

    /// <summary>The schema version the database had before this catalog applied the schema (0 for a new database).</summary>
    public int PreviousSchemaVersion { get; }

    /// <summary>Connects, creating or migrating the schema as needed (see <see cref="PostgresSchema.ApplyAsync(NpgsqlDataSource, CancellationToken)"/>).</summary>
    /// <exception cref="CatalogVersionException">The database was written by a newer harmonie.</exception>
    public static async Task<PostgresCatalog> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var dataSource = NpgsqlDataSource.Create(connectionString);
        try
        {
            var previous = await PostgresSchema.ApplyAsync(dataSource, cancellationToken).ConfigureAwait(false);
            return new PostgresCatalog(dataSource, ownsDataSource: true, previous);
        }
        catch
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>As <see cref="OpenAsync(string, CancellationToken)"/> over a data source the caller owns and disposes.</summary>
    public static async Task<PostgresCatalog> OpenAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var previous = await PostgresSchema.ApplyAsync(dataSource, cancellationToken).ConfigureAwait(false);
        return new PostgresCatalog(dataSource, ownsDataSource: false, previous);
    }

    public void Dispose()
    {
        if (_ownsDataSource)
        {
            _dataSource.Dispose();
        }
    }

    public Task<TrackRecord?> GetTrackAsync(long id, CancellationToken cancellationToken) =>
        QuerySingleAsync($"SELECT {TrackRows.Columns} FROM harmonie_tracks WHERE id = @id", c => Sql.Add(c, "id", id), cancellationToken);

    public Task<TrackRecord?> GetTrackByPathAsync(string path, CancellationToken cancellationToken) =>
        QuerySingleAsync($"SELECT {TrackRows.Columns} FROM harmonie_tracks WHERE path = @path", c => Sql.Add(c, "path", path), cancellationToken);

    public async Task<IReadOnlyList<TrackRecord>> GetTracksAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        return await QueryListAsync(
            $"SELECT {TrackRows.Columns} FROM harmonie_tracks WHERE id = ANY(@ids) ORDER BY id",
            c => Sql.Add(c, "ids", ids.Distinct().ToArray()),
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<TrackPage> ListTracksAsync(TrackListQuery query, CancellationToken cancellationToken)
    {
        // Nulls sort first and ties go by id, as in the LiteDB catalog; the C collation makes path order ordinal.
        var order = query.OrderBy switch
        {
            TrackOrder.Id => "id",
            TrackOrder.Path => "path",
            TrackOrder.Bpm => "bpm NULLS FIRST, id",
            TrackOrder.Duration => "duration, id",
            _ => "analyzed_at, id",
        };
        var filter = query.Model is null ? "" : "WHERE model = @model";
        var items = await QueryListAsync(
            $"SELECT {TrackRows.Columns} FROM harmonie_tracks {filter} ORDER BY {order} LIMIT @limit OFFSET @offset",
            c =>
            {
                Sql.Add(c, "model", query.Model);
                Sql.Add(c, "limit", query.Limit);
                Sql.Add(c, "offset", query.Offset);
            },
            cancellationToken).ConfigureAwait(false);

        // The count comes from the trigger-kept totals, not from counting rows.
        await using var count = _dataSource.CreateCommand(
            "SELECT coalesce((SELECT tracks FROM harmonie_totals WHERE kind = @kind AND key = @key), 0)");
        Sql.Add(count, "kind", query.Model is null ? "all" : "model");
        Sql.Add(count, "key", query.Model ?? "");
        var total = (long)(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        return new TrackPage(items, total);
    }

    public Task<TrackRecord?> ResolveAsync(TrackReference reference, CancellationToken cancellationToken) =>
        TrackResolution.ResolveAsync(reference, GetTrackByPathAsync, FindSmallestAsync, cancellationToken);

    public async Task<CatalogStats> GetStatsAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT kind, key, tracks, duration, bytes, pg_database_size(current_database()) " +
            "FROM (SELECT 1) AS one LEFT JOIN harmonie_totals ON kind = 'all' OR (kind IN ('model', 'root') AND tracks > 0)");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        long tracks = 0, bytes = 0, size = 0;
        double duration = 0;
        var byModel = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var byRoot = new SortedDictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            size = reader.GetInt64(5);
            if (reader.IsDBNull(0))
            {
                continue;
            }

            if (reader.GetString(0) == "all")
            {
                (tracks, duration, bytes) = (reader.GetInt64(2), reader.GetDouble(3), reader.GetInt64(4));
            }
            else
            {
                (reader.GetString(0) == "model" ? byModel : byRoot)[reader.GetString(1)] = reader.GetInt64(2);
            }
        }

        return new CatalogStats
        {
            Tracks = tracks,
            TotalDurationSec = duration,
            TotalBytes = bytes,
            ByModel = byModel,
            ByRoot = byRoot,
            DbPath = Location,
            DbSizeBytes = size,
            SchemaVersion = SchemaVersion,
        };
    }

    public async Task<TrackEmbedding?> GetEmbeddingAsync(long id, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT model, embedding, styles FROM harmonie_vectors WHERE track_id = @id");
        Sql.Add(command, "id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ToEmbedding(reader, 0) : null;
    }

    public async IAsyncEnumerable<(TrackRecord Track, TrackEmbedding? Embedding)> StreamModelAsync(
        string model, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Keyset batches: no connection or cursor stays open while the consumer works on a batch.
        var after = long.MinValue;
        while (true)
        {
            var batch = new List<(TrackRecord, TrackEmbedding?)>(StreamBatch);
            await using (var command = _dataSource.CreateCommand(
                $"SELECT {Prefixed("t")}, v.model, v.embedding, v.styles FROM harmonie_tracks t " +
                "LEFT JOIN harmonie_vectors v ON v.track_id = t.id " +
                "WHERE t.model = @model AND t.id > @after ORDER BY t.id LIMIT @limit"))
            {
                Sql.Add(command, "model", model);
                Sql.Add(command, "after", after);
                Sql.Add(command, "limit", StreamBatch);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var embedding = reader.IsDBNull(TrackColumnCount) ? null : ToEmbedding(reader, TrackColumnCount);
                    batch.Add((TrackRows.ToRecord(reader), embedding));
                }
            }

            foreach (var item in batch)
            {
                yield return item;
            }

            if (batch.Count < StreamBatch)
            {
                yield break;
            }

            after = batch[^1].Item1.Id;
        }
    }

    public async IAsyncEnumerable<TrackRecord> StreamTracksAsync(string? model, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = long.MinValue;
        var modelCondition = model is null ? "model IS NULL" : "model = @model";
        while (true)
        {
            var batch = new List<TrackRecord>(StreamBatch);
            await using (var command = _dataSource.CreateCommand(
                $"SELECT {TrackRows.Columns} FROM harmonie_tracks WHERE {modelCondition} AND id > @after ORDER BY id LIMIT @limit"))
            {
                if (model is not null)
                {
                    Sql.Add(command, "model", model);
                }

                Sql.Add(command, "after", after);
                Sql.Add(command, "limit", StreamBatch);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    batch.Add(TrackRows.ToRecord(reader));
                }
            }

            foreach (var track in batch)
            {
                yield return track;
            }

            if (batch.Count < StreamBatch)
            {
                yield break;
            }

            after = batch[^1].Id;
        }
    }

    private static string Prefixed(string alias) =>
        string.Join(", ", TrackRows.Columns.Split(',').Select(column => $"{alias}.{column.Trim()}"));

    private static TrackEmbedding ToEmbedding(NpgsqlDataReader reader, int first) => new(
        reader.GetString(first),
        VectorEncoding.FromBytes(reader.GetFieldValue<byte[]>(first + 1)),
        reader.IsDBNull(first + 2) ? null : VectorEncoding.FromBytes(reader.GetFieldValue<byte[]>(first + 2)));

    private async Task<TrackRecord?> FindSmallestAsync(ResolutionCriteria criteria, CancellationToken cancellationToken)
    {
        var conditions = new List<string>();
        if (criteria.RelativePath is not null)
        {
            conditions.Add("relative_path = @relative_path");
        }

        if (criteria.Title is not null)
        {
            conditions.Add("title_lc = @title");
        }

        if (criteria.Artist is not null)
        {
            conditions.Add("artist_lc = @artist");
        }

        if (criteria.Album is not null)
        {
            conditions.Add("album_lc = @album");
        }

        if (conditions.Count == 0)
        {
            return null;
        }

        return await QuerySingleAsync(
            $"SELECT {TrackRows.Columns} FROM harmonie_tracks WHERE {string.Join(" AND ", conditions)} ORDER BY id LIMIT 1",
            c =>
            {
                Sql.Add(c, "relative_path", criteria.RelativePath);
                Sql.Add(c, "title", TrackRows.Fold(criteria.Title));
                Sql.Add(c, "artist", TrackRows.Fold(criteria.Artist));
                Sql.Add(c, "album", TrackRows.Fold(criteria.Album));
            },
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<TrackRecord?> QuerySingleAsync(string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken)
    {
        var rows = await QueryListAsync(sql, bind, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    private async Task<IReadOnlyList<TrackRecord>> QueryListAsync(string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(sql);
        bind(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<TrackRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(TrackRows.ToRecord(reader));
        }

        return rows;
    }
}
