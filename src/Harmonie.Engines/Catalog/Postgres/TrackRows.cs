using System.Data.Common;
using Harmonie.Analysis;
using Harmonie.Tracks;
using Npgsql;

namespace Harmonie.Engines.Catalog.Postgres;

/// <summary>Maps <c>harmonie_tracks</c> rows to and from records (columns listed explicitly, read by position).</summary>
internal static class TrackRows
{
    /// <summary>The columns <see cref="ToRecord"/> reads, in its order.</summary>
    public const string Columns =
        "id, path, library_root, relative_path, size, mtime, duration, model, embedding_dim, descriptor_version, " +
        "bpm, bpm_confidence, key, scale, key_strength, loudness, danceability, onset_rate, " +
        "artist, album, title, track_number, style_labels, style_probabilities, analyzed_at, fingerprint";

    /// <summary>The columns <see cref="ToFileState"/> reads, in its order.</summary>
    public const string FileStateColumns =
        "id, path, library_root, relative_path, size, mtime, model, descriptor_version, fingerprint, imported";

    public static TrackRecord ToRecord(DbDataReader row)
    {
        var labels = row.GetFieldValue<string[]>(22);
        var probabilities = row.GetFieldValue<double[]>(23);
        return new TrackRecord
        {
            Id = row.GetInt64(0),
            Path = row.GetString(1),
            LibraryRoot = String(row, 2),
            RelativePath = String(row, 3),
            Size = row.GetInt64(4),
            Mtime = row.GetDouble(5),
            Duration = row.GetDouble(6),
            Model = String(row, 7),
            EmbeddingDim = Int(row, 8),
            DescriptorVersion = row.GetInt32(9),
            Descriptors = new AudioDescriptors
            {
                Bpm = Double(row, 10),
                BpmConfidence = Double(row, 11),
                Key = String(row, 12),
                Scale = String(row, 13),
                KeyStrength = Double(row, 14),
                Loudness = Double(row, 15),
                Danceability = Double(row, 16),
                OnsetRate = Double(row, 17),
            },
            Tags = new TrackTags
            {
                Artist = String(row, 18),
                Album = String(row, 19),
                Title = String(row, 20),
                TrackNumber = Int(row, 21),
            },
            Styles = [.. labels.Zip(probabilities, (label, probability) => new StyleScore(label, probability))],
            AnalyzedAt = row.GetDouble(24),
            Fingerprint = String(row, 25),
        };
    }

    public static TrackFileState ToFileState(DbDataReader row) => new()
    {
        Id = row.GetInt64(0),
        Path = row.GetString(1),
        LibraryRoot = String(row, 2),
        RelativePath = String(row, 3),
        Size = row.GetInt64(4),
        Mtime = row.GetDouble(5),
        Model = String(row, 6),
        DescriptorVersion = row.GetInt32(7),
        Fingerprint = String(row, 8),
        Imported = row.GetBoolean(9),
    };

    /// <summary>Binds the tag and descriptor parameters shared by full saves and descriptor refreshes.</summary>
    public static void AddAnalysisParameters(NpgsqlCommand command, AnalysisResult result, double analyzedAt)
    {
        var descriptors = result.Descriptors;
        var tags = result.Tags;
        Sql.Add(command, "duration", result.Duration);
        Sql.Add(command, "bpm", descriptors.Bpm);
        Sql.Add(command, "bpm_confidence", descriptors.BpmConfidence);
        Sql.Add(command, "key", descriptors.Key);
        Sql.Add(command, "scale", descriptors.Scale);
        Sql.Add(command, "key_strength", descriptors.KeyStrength);
        Sql.Add(command, "loudness", descriptors.Loudness);
        Sql.Add(command, "danceability", descriptors.Danceability);
        Sql.Add(command, "onset_rate", descriptors.OnsetRate);
        Sql.Add(command, "artist", tags.Artist);
        Sql.Add(command, "album", tags.Album);
        Sql.Add(command, "title", tags.Title);
        Sql.Add(command, "track_number", tags.TrackNumber);
        Sql.Add(command, "artist_lc", Fold(tags.Artist));
        Sql.Add(command, "album_lc", Fold(tags.Album));
        Sql.Add(command, "title_lc", Fold(tags.Title));
        Sql.Add(command, "analyzed_at", analyzedAt);
    }

    /// <summary>Case folding for tag matching, identical to the LiteDB catalog's (Unicode-aware, culture-invariant).</summary>
    public static string? Fold(string? value) => value?.ToLowerInvariant();

    private static string? String(DbDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.GetString(ordinal);

    private static double? Double(DbDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.GetDouble(ordinal);

    private static int? Int(DbDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.GetInt32(ordinal);
}
