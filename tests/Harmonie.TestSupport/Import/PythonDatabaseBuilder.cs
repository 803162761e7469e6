using Harmonie.Engines.Catalog;
using Microsoft.Data.Sqlite;

namespace Harmonie.TestSupport.Import;

/// <summary>
/// Writes SQLite files the way the Python harmonie's migrations lay them out (BEHAVIOUR.md §4.2):
/// version 1 = tracks, track_styles and meta; version 2 adds scans and scan_failures; version 3 adds
/// <c>tracks.fingerprint</c>. Version 0 writes a pre-migration file: a bare tracks table, no meta.
/// </summary>
public static class PythonDatabaseBuilder
{
    private const string Version1 = """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE tracks (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            path TEXT UNIQUE NOT NULL,
            library_root TEXT,
            relative_path TEXT,
            size INTEGER NOT NULL,
            mtime REAL NOT NULL,
            duration REAL NOT NULL,
            embedding BLOB NOT NULL,
            embedding_dim INTEGER NOT NULL,
            model TEXT NOT NULL,
            descriptor_version INTEGER NOT NULL,
            bpm REAL, bpm_confidence REAL,
            key TEXT, scale TEXT,
            key_strength REAL, loudness REAL, danceability REAL, onset_rate REAL,
            artist TEXT, album TEXT, title TEXT,
            track_number INTEGER,
            style_activations BLOB,
            analyzed_at REAL NOT NULL
        );
        CREATE INDEX idx_tracks_model ON tracks(model);
        CREATE INDEX idx_tracks_bpm ON tracks(bpm);
        CREATE INDEX idx_tracks_key ON tracks(key, scale);
        CREATE INDEX idx_tracks_danceability ON tracks(danceability);
        CREATE INDEX idx_tracks_loudness ON tracks(loudness);
        CREATE INDEX idx_tracks_descriptor_version ON tracks(descriptor_version);
        CREATE INDEX idx_tracks_library_root ON tracks(library_root);
        CREATE INDEX idx_tracks_tags ON tracks(artist COLLATE NOCASE, album COLLATE NOCASE, title COLLATE NOCASE);
        CREATE TABLE track_styles (
            track_id INTEGER NOT NULL REFERENCES tracks(id) ON DELETE CASCADE,
            style TEXT NOT NULL,
            probability REAL NOT NULL,
            PRIMARY KEY (track_id, style)
        );
        CREATE INDEX idx_track_styles_style ON track_styles(style);
        CREATE INDEX idx_track_styles_style_prob ON track_styles(style, probability DESC);
        """;

    private const string Version2 = """
        CREATE TABLE scans (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            started_at REAL NOT NULL, finished_at REAL, duration_sec REAL,
            discovered INTEGER NOT NULL DEFAULT 0, full INTEGER NOT NULL DEFAULT 0,
            descriptors_only INTEGER NOT NULL DEFAULT 0, skipped INTEGER NOT NULL DEFAULT 0,
            failed INTEGER NOT NULL DEFAULT 0, removed INTEGER NOT NULL DEFAULT 0,
            workers INTEGER NOT NULL, backend TEXT NOT NULL, model TEXT NOT NULL,
            forced INTEGER NOT NULL DEFAULT 0, harmonie_version TEXT NOT NULL,
            descriptor_version INTEGER NOT NULL, state TEXT NOT NULL, last_error TEXT
        );
        CREATE INDEX idx_scans_started ON scans(started_at DESC);
        CREATE TABLE scan_failures (
            scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
            path TEXT NOT NULL, error TEXT NOT NULL, failed_at REAL NOT NULL, size INTEGER, mtime REAL
        );
        CREATE INDEX idx_scan_failures_scan ON scan_failures(scan_id);
        CREATE INDEX idx_scan_failures_path ON scan_failures(path);
        INSERT INTO scans (started_at, finished_at, duration_sec, discovered, full, workers, backend, model, harmonie_version, descriptor_version, state)
        VALUES (1700000000, 1700000100, 100, 2, 2, 4, 'effnet', 'discogs-effnet-bs64-1', '1.2.0', 1, 'completed');
        """;

    private const string Version3 = """
        ALTER TABLE tracks ADD COLUMN fingerprint TEXT;
        CREATE INDEX idx_tracks_fingerprint ON tracks(fingerprint);
        """;

    /// <summary>The tracks table of a file from before the migrations: core columns only, embedding nullable.</summary>
    private const string Version0 = """
        CREATE TABLE tracks (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            path TEXT UNIQUE NOT NULL,
            size INTEGER NOT NULL, mtime REAL NOT NULL, duration REAL NOT NULL,
            embedding BLOB, embedding_dim INTEGER NOT NULL, model TEXT NOT NULL,
            bpm REAL, key TEXT, scale TEXT,
            analyzed_at REAL NOT NULL
        );
        """;

    public static void Create(string path, int version, IEnumerable<PythonTrack> tracks, int? storedVersion = null)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;");
        using (var transaction = connection.BeginTransaction())
        {
            Execute(connection, version == 0 ? Version0 : Version1, transaction);
            if (version >= 2)
            {
                Execute(connection, Version2, transaction);
            }

            if (version >= 3)
            {
                Execute(connection, Version3, transaction);
            }

            if (version > 0 || storedVersion is not null)
            {
                Execute(connection, "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)", transaction);
                using var meta = connection.CreateCommand();
                meta.Transaction = transaction;
                meta.CommandText = "INSERT INTO meta (key, value) VALUES ('schema_version', $v)";
                meta.Parameters.AddWithValue("$v", (storedVersion ?? version).ToString(System.Globalization.CultureInfo.InvariantCulture));
                meta.ExecuteNonQuery();
            }

            foreach (var track in tracks)
            {
                Insert(connection, transaction, version, track);
            }

            transaction.Commit();
        }

        // Like the Python service on a clean stop: the WAL is folded into the file.
        Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
    }

    public static float[] Vector(int dimension, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, dimension).Select(_ => (float)(random.NextDouble() * 2 - 1))];
    }

    private static void Insert(SqliteConnection connection, SqliteTransaction transaction, int version, PythonTrack t)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var embedding = t.EmbeddingBlob ?? (t.Embedding is null ? [] : VectorEncoding.ToBytes(t.Embedding));
        var dimension = t.EmbeddingDim ?? t.Embedding?.Length ?? 0;
        if (version == 0)
        {
            command.CommandText = """
                INSERT INTO tracks (id, path, size, mtime, duration, embedding, embedding_dim, model, bpm, key, scale, analyzed_at)
                VALUES ($id, $path, $size, $mtime, $duration, $embedding, $dim, $model, $bpm, $key, $scale, $analyzed)
                """;
            command.Parameters.AddWithValue("$embedding", t.Embedding is null ? DBNull.Value : embedding);
        }
        else
        {
            command.CommandText = $"""
                INSERT INTO tracks (id, path, library_root, relative_path, size, mtime, duration, embedding, embedding_dim, model,
                    descriptor_version, bpm, bpm_confidence, key, scale, key_strength, loudness, danceability, onset_rate,
                    artist, album, title, track_number, style_activations, analyzed_at{(version >= 3 ? ", fingerprint" : "")})
                VALUES ($id, $path, $root, $rel, $size, $mtime, $duration, $embedding, $dim, $model,
                    $dv, $bpm, $bpmc, $key, $scale, $ks, $loud, $dance, $onset,
                    $artist, $album, $title, $tn, $styles, $analyzed{(version >= 3 ? ", $fp" : "")})
                """;
            command.Parameters.AddWithValue("$embedding", embedding);
            command.Parameters.AddWithValue("$root", (object?)t.LibraryRoot ?? DBNull.Value);
            command.Parameters.AddWithValue("$rel", (object?)(t.RelativePath ?? (t.LibraryRoot is null ? null : System.IO.Path.GetRelativePath(t.LibraryRoot, t.Path))) ?? DBNull.Value);
            command.Parameters.AddWithValue("$dv", t.DescriptorVersion);
            command.Parameters.AddWithValue("$bpmc", (object?)t.BpmConfidence ?? DBNull.Value);
            command.Parameters.AddWithValue("$ks", (object?)t.KeyStrength ?? DBNull.Value);
            command.Parameters.AddWithValue("$loud", (object?)t.Loudness ?? DBNull.Value);
            command.Parameters.AddWithValue("$dance", (object?)t.Danceability ?? DBNull.Value);
            command.Parameters.AddWithValue("$onset", (object?)t.OnsetRate ?? DBNull.Value);
            command.Parameters.AddWithValue("$artist", (object?)t.Artist ?? DBNull.Value);
            command.Parameters.AddWithValue("$album", (object?)t.Album ?? DBNull.Value);
            command.Parameters.AddWithValue("$title", (object?)t.Title ?? DBNull.Value);
            command.Parameters.AddWithValue("$tn", (object?)t.TrackNumber ?? DBNull.Value);
            var styles = t.StyleBlob ?? (t.StyleActivations is null ? null : VectorEncoding.ToBytes(t.StyleActivations));
            command.Parameters.AddWithValue("$styles", (object?)styles ?? DBNull.Value);
            command.Parameters.AddWithValue("$fp", (object?)t.Fingerprint ?? DBNull.Value);
        }

        command.Parameters.AddWithValue("$id", t.Id);
        command.Parameters.AddWithValue("$path", t.Path);
        command.Parameters.AddWithValue("$size", t.Size);
        command.Parameters.AddWithValue("$mtime", t.Mtime);
        command.Parameters.AddWithValue("$duration", t.Duration);
        command.Parameters.AddWithValue("$dim", dimension);
        command.Parameters.AddWithValue("$model", t.Model);
        command.Parameters.AddWithValue("$bpm", (object?)t.Bpm ?? DBNull.Value);
        command.Parameters.AddWithValue("$key", (object?)t.Key ?? DBNull.Value);
        command.Parameters.AddWithValue("$scale", (object?)t.Scale ?? DBNull.Value);
        command.Parameters.AddWithValue("$analyzed", t.AnalyzedAt);
        command.ExecuteNonQuery();

        if (version == 0)
        {
            return;
        }

        foreach (var (style, probability) in t.Styles)
        {
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO track_styles (track_id, style, probability) VALUES ($id, $style, $p)";
            insert.Parameters.AddWithValue("$id", t.Id);
            insert.Parameters.AddWithValue("$style", style);
            insert.Parameters.AddWithValue("$p", probability);
            insert.ExecuteNonQuery();
        }
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
