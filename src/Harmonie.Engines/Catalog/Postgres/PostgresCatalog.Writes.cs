using Harmonie.Analysis;
using Harmonie.Engines.Library;
using Harmonie.Tracks;
using Npgsql;

namespace Harmonie.Engines.Catalog.Postgres;

public sealed partial class PostgresCatalog
{
    // One statement: upsert the row by path (keeping its id and, when the new analysis has none, its
    // fingerprint), then replace or drop its vectors. A statement is atomic on its own.
    private static readonly string SaveSql = $"""
        WITH saved AS (
            INSERT INTO harmonie_tracks (path, library_root, relative_path, size, mtime, duration, model, embedding_dim,
                descriptor_version, bpm, bpm_confidence, key, scale, key_strength, loudness, danceability, onset_rate,
                artist, album, title, track_number, artist_lc, album_lc, title_lc, style_labels, style_probabilities,
                analyzed_at, fingerprint, imported, seq)
            VALUES (@path, @library_root, @relative_path, @size, @mtime, @duration, @model, @embedding_dim,
                @descriptor_version, @bpm, @bpm_confidence, @key, @scale, @key_strength, @loudness, @danceability, @onset_rate,
                @artist, @album, @title, @track_number, @artist_lc, @album_lc, @title_lc, @style_labels, @style_probabilities,
                @analyzed_at, @fingerprint, false, nextval('harmonie_change_seq'))
            ON CONFLICT (path) DO UPDATE SET
                library_root = excluded.library_root, relative_path = excluded.relative_path, size = excluded.size,
                mtime = excluded.mtime, duration = excluded.duration, model = excluded.model,
                embedding_dim = excluded.embedding_dim, descriptor_version = excluded.descriptor_version,
                bpm = excluded.bpm, bpm_confidence = excluded.bpm_confidence, key = excluded.key, scale = excluded.scale,
                key_strength = excluded.key_strength, loudness = excluded.loudness, danceability = excluded.danceability,
                onset_rate = excluded.onset_rate, artist = excluded.artist, album = excluded.album, title = excluded.title,
                track_number = excluded.track_number, artist_lc = excluded.artist_lc, album_lc = excluded.album_lc,
                title_lc = excluded.title_lc, style_labels = excluded.style_labels,
                style_probabilities = excluded.style_probabilities, analyzed_at = excluded.analyzed_at,
                fingerprint = coalesce(excluded.fingerprint, harmonie_tracks.fingerprint), imported = false, seq = excluded.seq
            RETURNING {TrackRows.Columns}
        ), stored AS (
            INSERT INTO harmonie_vectors (track_id, model, embedding, styles)
            SELECT id, @vector_model, @embedding, @styles FROM saved WHERE @embedding IS NOT NULL
            ON CONFLICT (track_id) DO UPDATE SET model = excluded.model, embedding = excluded.embedding, styles = excluded.styles
        ), dropped AS (
            DELETE FROM harmonie_vectors WHERE @embedding IS NULL AND track_id = (SELECT id FROM saved)
        )
        SELECT {TrackRows.Columns} FROM saved
        """;

    private static readonly string RefreshSql = $"""
        UPDATE harmonie_tracks SET duration = @duration, bpm = @bpm, bpm_confidence = @bpm_confidence, key = @key,
            scale = @scale, key_strength = @key_strength, loudness = @loudness, danceability = @danceability,
            onset_rate = @onset_rate, artist = @artist, album = @album, title = @title, track_number = @track_number,
            artist_lc = @artist_lc, album_lc = @album_lc, title_lc = @title_lc, descriptor_version = @descriptor_version,
            analyzed_at = @analyzed_at, seq = nextval('harmonie_change_seq')
        WHERE path = @path
        RETURNING {TrackRows.Columns}
        """;

    // The new path must be free; a concurrent insert of it is caught by the unique index instead.
    private const string RelocateSql = """
        UPDATE harmonie_tracks SET path = @path, library_root = @library_root, relative_path = @relative_path,
            mtime = coalesce(@mtime, mtime), fingerprint = coalesce(@fingerprint, fingerprint),
            seq = nextval('harmonie_change_seq')
        WHERE id = @id AND library_root = @from_root
          AND NOT EXISTS (SELECT 1 FROM harmonie_tracks WHERE path = @path)
        """;

    private const string SetFingerprintSql = """
        UPDATE harmonie_tracks SET fingerprint = @fingerprint
        WHERE id = @id AND size = @size AND abs(mtime - @mtime) <= @tolerance
        """;

    private static readonly string DeleteSql = $"""
        WITH deleted AS (
            DELETE FROM harmonie_tracks WHERE id = ANY(@ids) RETURNING {TrackRows.Columns}
        ), buried AS (
            INSERT INTO harmonie_tombstones (seq, track_id, model)
            SELECT nextval('harmonie_change_seq'), id, model FROM (SELECT id, model FROM deleted ORDER BY id) AS gone
        )
        SELECT {TrackRows.Columns} FROM deleted
        """;

    public async Task<TrackRecord> SaveAnalysisAsync(TrackWrite write, CancellationToken cancellationToken)
    {
        var embedding = write.Result.Embedding;
        await using var command = _dataSource.CreateCommand(SaveSql);
        Sql.Add(command, "path", write.Path);
        Sql.Add(command, "library_root", write.Location.LibraryRoot);
        Sql.Add(command, "relative_path", write.Location.RelativePath);
        Sql.Add(command, "size", write.Size);
        Sql.Add(command, "mtime", write.Mtime);
        Sql.Add(command, "model", embedding?.Model);
        Sql.Add(command, "embedding_dim", embedding?.Dimension);
        Sql.Add(command, "descriptor_version", write.DescriptorVersion);
        TrackRows.AddAnalysisParameters(command, write.Result, write.AnalyzedAt);
        Sql.Add(command, "style_labels", write.Result.Styles.Select(s => s.Style).ToArray());
        Sql.Add(command, "style_probabilities", write.Result.Styles.Select(s => s.Probability).ToArray());
        Sql.Add(command, "fingerprint", write.Result.Fingerprint);
        Sql.Add(command, "vector_model", embedding?.Model);
        Sql.Add(command, "embedding", embedding is null ? null : VectorEncoding.ToBytes(embedding.Vector));
        Sql.Add(command, "styles", embedding?.StyleActivations is { } styles ? VectorEncoding.ToBytes(styles) : null);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return TrackRows.ToRecord(reader);
    }

    public async Task<TrackRecord?> RefreshDescriptorsAsync(string path, AnalysisResult result, double analyzedAt, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(RefreshSql);
        Sql.Add(command, "path", path);
        Sql.Add(command, "descriptor_version", AnalysisVersions.Descriptors);
        TrackRows.AddAnalysisParameters(command, result, analyzedAt);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? TrackRows.ToRecord(reader) : null;
    }

    public async Task<bool> RelocateAsync(long id, string fromRoot, TrackLocation location, double? mtime, string? fingerprint, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(RelocateSql);
        Sql.Add(command, "id", id);
        Sql.Add(command, "from_root", fromRoot);
        Sql.Add(command, "path", location.Path);
        Sql.Add(command, "library_root", location.LibraryRoot);
        Sql.Add(command, "relative_path", location.RelativePath);
        Sql.Add(command, "mtime", mtime);
        Sql.Add(command, "fingerprint", fingerprint);
        try
        {
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return false;
        }
    }

    public async Task<bool> SetFingerprintAsync(long id, string fingerprint, long size, double mtime, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(SetFingerprintSql);
        Sql.Add(command, "id", id);
        Sql.Add(command, "fingerprint", fingerprint);
        Sql.Add(command, "size", size);
        Sql.Add(command, "mtime", mtime);
        Sql.Add(command, "tolerance", FileStat.MtimeTolerance);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<IReadOnlyList<TrackRecord>> DeleteTracksAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var distinct = ids.Distinct().Order().ToArray();
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // Lock the rows in id order first, so two overlapping deletes queue instead of deadlocking.
        await using (var lockRows = Sql.Command(connection, "SELECT id FROM harmonie_tracks WHERE id = ANY(@ids) ORDER BY id FOR UPDATE", transaction))
        {
            Sql.Add(lockRows, "ids", distinct);
            await lockRows.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var deleted = new Dictionary<long, TrackRecord>();
        await using (var delete = Sql.Command(connection, DeleteSql, transaction))
        {
            Sql.Add(delete, "ids", distinct);
            await using var reader = await delete.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var record = TrackRows.ToRecord(reader);
                deleted[record.Id] = record;
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);

        // In the caller's order, as the LiteDB catalog returns them.
        return [.. ids.Distinct().Where(deleted.ContainsKey).Select(id => deleted[id])];
    }
}
