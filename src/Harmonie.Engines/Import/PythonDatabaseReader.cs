using System.Buffers.Binary;
using Harmonie.Analysis;
using Microsoft.Data.Sqlite;

namespace Harmonie.Engines.Import;

/// <summary>
/// Reads a Python harmonie database (BEHAVIOUR.md §4) without changing it. <see cref="Open"/> refuses
/// anything that is not one, is newer than <see cref="PythonSchema.NewestVersion"/>, or is truncated or
/// corrupt; <see cref="ReadTracks"/> then streams the tracks in id order, one row in memory at a time,
/// validating each. One read transaction spans the reader's life, so every pass sees the same snapshot.
/// </summary>
public sealed class PythonDatabaseReader : IDisposable
{
    private const int HeaderSize = 100;
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _snapshot;
    private readonly IReadOnlySet<string> _trackColumns;
    private readonly bool _hasStyleTable;

    private PythonDatabaseReader(string path, SqliteConnection connection, SqliteTransaction snapshot, int version, IReadOnlySet<string> trackColumns, bool hasStyleTable)
    {
        Path = path;
        _connection = connection;
        _snapshot = snapshot;
        SchemaVersion = version;
        _trackColumns = trackColumns;
        _hasStyleTable = hasStyleTable;
    }

    /// <summary>The source file, as an absolute path.</summary>
    public string Path { get; }

    /// <summary><c>meta.schema_version</c>, or 0 for a file from before the migrations.</summary>
    public int SchemaVersion { get; }

    /// <summary>Opens the file read-only and checks it: SQLite header and size, schema version, tables and columns, <c>PRAGMA integrity_check</c>.</summary>
    /// <exception cref="ImportException">The file cannot be imported; the message says why.</exception>
    public static PythonDatabaseReader Open(string path, CancellationToken cancellationToken)
    {
        var full = System.IO.Path.GetFullPath(path);
        CheckFile(full);
        try
        {
            return Open(full, immutable: false, cancellationToken);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is SQLitePCL.raw.SQLITE_READONLY or SQLitePCL.raw.SQLITE_CANTOPEN && !HasWalContent(full))
        {
            // A WAL-mode file (the original's) needs its -shm file even to be read; in a folder we may not write,
            // and with no -wal content to apply (the service stopped cleanly), the file alone is the whole database.
            try
            {
                return Open(full, immutable: true, cancellationToken);
            }
            catch (SqliteException again)
            {
                throw Describe(full, again);
            }
        }
        catch (SqliteException ex)
        {
            throw Describe(full, ex);
        }
    }

    /// <summary>Reads every row once without keeping any, so a bad row is found before anything is written.</summary>
    /// <exception cref="ImportException">A row is broken; the message names it.</exception>
    public ImportPreview Validate(CancellationToken cancellationToken)
    {
        var byModel = new SortedDictionary<string, long>(StringComparer.Ordinal);
        long tracks = 0, withoutEmbedding = 0;
        foreach (var row in ReadTracks(cancellationToken))
        {
            tracks++;
            if (row.Embedding is { } embedding)
            {
                byModel[embedding.Model] = byModel.GetValueOrDefault(embedding.Model) + 1;
            }
            else
            {
                withoutEmbedding++;
            }
        }

        return new ImportPreview(SchemaVersion, tracks, byModel, withoutEmbedding);
    }

    /// <summary>Streams the tracks in ascending id order with their style rows (highest probability first).</summary>
    /// <exception cref="ImportException">A row is broken or the file is damaged; raised while enumerating.</exception>
    public IEnumerable<ImportedTrack> ReadTracks(CancellationToken cancellationToken)
    {
        var select = string.Join(", ", PythonSchema.TrackColumns.Select(c => _trackColumns.Contains(c) ? $"\"{c}\"" : $"NULL AS \"{c}\""));
        using var tracks = Command($"SELECT {select} FROM tracks ORDER BY id");
        using var styles = Command("SELECT style, probability FROM track_styles WHERE track_id = $id ORDER BY probability DESC, style");
        var styleTrack = styles.Parameters.Add("$id", SqliteType.Integer);
        var converter = new PythonTrackRow();
        using var reader = Guard(tracks.ExecuteReader);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!Guard(reader.Read))
            {
                yield break;
            }

            yield return Guard(() =>
            {
                styleTrack.Value = reader.GetInt64(0);
                return converter.Convert(reader, _hasStyleTable ? ReadStyles(styles, reader.GetInt64(0)) : []);
            });
        }
    }

    public void Dispose() => Close(_connection, _snapshot);

    private static PythonDatabaseReader Open(string full, bool immutable, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = immutable ? new Uri(full).AbsoluteUri + "?immutable=1" : full,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        SqliteTransaction? snapshot = null;
        try
        {
            connection.Open();
            snapshot = connection.BeginTransaction(deferred: true);
            var tables = ReadNames(connection, snapshot, "SELECT name FROM sqlite_master WHERE type = 'table'");
            if (!tables.Contains("tracks"))
            {
                throw new ImportException($"not a harmonie database: {full} has no tracks table");
            }

            var version = ReadVersion(connection, snapshot, tables, full);
            var columns = ReadNames(connection, snapshot, "SELECT name FROM pragma_table_info('tracks')");
            RequireColumns("tracks", columns, PythonSchema.RequiredTrackColumns(version), full, version);
            var hasStyles = tables.Contains("track_styles");
            if (hasStyles)
            {
                RequireColumns("track_styles", ReadNames(connection, snapshot, "SELECT name FROM pragma_table_info('track_styles')"), PythonSchema.StyleColumns, full, version);
            }

            cancellationToken.ThrowIfCancellationRequested();
            CheckIntegrity(connection, snapshot, full);
            return new PythonDatabaseReader(full, connection, snapshot, version, columns, hasStyles);
        }
        catch
        {
            Close(connection, snapshot);
            throw;
        }
    }

    private static bool HasWalContent(string path) => new FileInfo(path + "-wal") is { Exists: true, Length: > 0 };

    private static IReadOnlyList<StyleScore> ReadStyles(SqliteCommand styles, long trackId)
    {
        var result = new List<StyleScore>();
        using var rows = styles.ExecuteReader();
        while (rows.Read())
        {
            var style = rows.GetValue(0) as string;
            var probability = rows.GetValue(1) switch
            {
                double d => d,
                long l => l,
                _ => double.NaN,
            };
            if (string.IsNullOrEmpty(style) || !double.IsFinite(probability))
            {
                throw new ImportException($"track {trackId}: a track_styles row has style {Show(rows.GetValue(0))} and probability {Show(rows.GetValue(1))}");
            }

            result.Add(new StyleScore(style, probability));
        }

        return result;
    }

    private static string Show(object value) => value switch
    {
        DBNull => "NULL",
        string text => $"'{text}'",
        byte[] blob => $"a blob of {blob.Length} bytes",
        _ => System.Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "?",
    };

    /// <summary>
    /// Refuses what SQLite itself would misread: not an SQLite file at all, or a copy shorter than its header
    /// says (a truncated download or copy), which SQLite would otherwise partly read.
    /// </summary>
    private static void CheckFile(string path)
    {
        if (Directory.Exists(path))
        {
            throw new ImportException($"{path} is a directory, not a harmonie database");
        }

        if (!File.Exists(path))
        {
            throw new ImportException($"{path}: no such file");
        }

        Span<byte> header = stackalloc byte[HeaderSize];
        long length;
        int read;
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            length = file.Length;
            read = file.ReadAtLeast(header, HeaderSize, throwOnEndOfStream: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ImportException($"cannot read {path}: {ex.Message}", ex);
        }

        if (read < HeaderSize || !header[..16].SequenceEqual("SQLite format 3\0"u8))
        {
            throw new ImportException($"not a harmonie database: {path} is not an SQLite database");
        }

        var pageSize = BinaryPrimitives.ReadUInt16BigEndian(header[16..]) is var size && size == 1 ? 65536 : size;
        var pages = BinaryPrimitives.ReadUInt32BigEndian(header[28..]);
        var changeCounter = BinaryPrimitives.ReadUInt32BigEndian(header[24..]);
        var validFor = BinaryPrimitives.ReadUInt32BigEndian(header[92..]);
        // The page count in the header is only authoritative when the two counters agree (SQLite file format §1.3.7).
        if (pages > 0 && changeCounter == validFor && length < (long)pageSize * pages)
        {
            throw new ImportException($"{path} is truncated: its header says {(long)pageSize * pages} bytes, the file has {length}");
        }
    }

    private static int ReadVersion(SqliteConnection connection, SqliteTransaction snapshot, IReadOnlySet<string> tables, string path)
    {
        if (!tables.Contains("meta"))
        {
            return 0;
        }

        using var command = connection.CreateCommand();
        command.Transaction = snapshot;
        command.CommandText = "SELECT value FROM meta WHERE key = 'schema_version'";
        var value = command.ExecuteScalar();
        if (value is null or DBNull)
        {
            return 0;
        }

        var text = System.Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)?.Trim();
        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version))
        {
            throw new ImportException($"not a harmonie database: {path} has meta.schema_version '{text}'");
        }

        return version <= PythonSchema.NewestVersion
            ? version
            : throw new ImportException(
                $"{path} has schema version {version}, newer than this harmonie knows (it reads versions up to {PythonSchema.NewestVersion}); " +
                "upgrade harmonie and import again");
    }

    private static void RequireColumns(string table, IReadOnlySet<string> present, IEnumerable<string> required, string path, int version)
    {
        var missing = required.Where(c => !present.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            throw new ImportException(
                $"not a harmonie database: {table} in {path} lacks column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)} (schema version {version})");
        }
    }

    private static void CheckIntegrity(SqliteConnection connection, SqliteTransaction snapshot, string path)
    {
        using var command = connection.CreateCommand();
        command.Transaction = snapshot;
        // integrity_check rather than quick_check: style rows are read through the track_styles primary-key
        // index, so an index that disagrees with its table must be caught too (about 1.3 s per 20k tracks).
        command.CommandText = "PRAGMA integrity_check(5)";
        var problems = new List<string>();
        using (var rows = command.ExecuteReader())
        {
            while (rows.Read())
            {
                problems.Add(rows.GetString(0));
            }
        }

        if (problems is not ["ok"])
        {
            throw new ImportException($"{path} is damaged (truncated or corrupt): {string.Join("; ", problems)}");
        }
    }

    private static HashSet<string> ReadNames(SqliteConnection connection, SqliteTransaction snapshot, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = snapshot;
        command.CommandText = sql;
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using var rows = command.ExecuteReader();
        while (rows.Read())
        {
            names.Add(rows.GetString(0));
        }

        return names;
    }

    private static ImportException Describe(string path, SqliteException ex) => ex.SqliteErrorCode switch
    {
        SQLitePCL.raw.SQLITE_NOTADB => new ImportException($"not a harmonie database: {path} is not an SQLite database", ex),
        SQLitePCL.raw.SQLITE_CORRUPT => new ImportException($"{path} is damaged (truncated or corrupt): {ex.Message}", ex),
        SQLitePCL.raw.SQLITE_READONLY or SQLitePCL.raw.SQLITE_CANTOPEN => new ImportException(
            $"cannot read {path}: {ex.Message}. SQLite needs to create {System.IO.Path.GetFileName(path)}-shm beside a database with a " +
            "-wal file; copy both files to a folder you can write to and import the copy", ex),
        _ => new ImportException($"cannot read {path}: {ex.Message}", ex),
    };

    private static void Close(SqliteConnection connection, SqliteTransaction? snapshot)
    {
        snapshot?.Dispose();
        connection.Dispose();
    }

    private SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _snapshot;
        command.CommandText = sql;
        return command;
    }

    private T Guard<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (SqliteException ex)
        {
            throw Describe(Path, ex);
        }
    }
}
