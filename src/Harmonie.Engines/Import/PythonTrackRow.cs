using Harmonie.Analysis;
using Harmonie.Engines.Catalog;
using Harmonie.Tracks;
using Microsoft.Data.Sqlite;

namespace Harmonie.Engines.Import;

/// <summary>
/// Turns one <c>tracks</c> row (columns in <see cref="PythonSchema.TrackColumns"/> order) into an
/// <see cref="ImportedTrack"/>, checking storage classes and blob lengths. A broken row throws an
/// <see cref="ImportException"/> naming the track; a row whose vector cannot serve similarity is kept without it.
/// </summary>
internal sealed class PythonTrackRow
{
    // Like the original's index (BEHAVIOUR.md §5): within a model, rows whose dimension differs from the first row's are unusable.
    private readonly Dictionary<string, int> _firstDimensionByModel = new(StringComparer.Ordinal);

    public ImportedTrack Convert(SqliteDataReader row, IReadOnlyList<StyleScore> styles)
    {
        var id = row.GetInt64(0);
        var values = new RowValues(id, row);
        var model = values.Text(9, "model");
        var dimension = values.Integer(8, "embedding_dim");
        var (embedding, missing) = ReadEmbedding(values, model, dimension);
        var track = new TrackRecord
        {
            Id = id,
            Path = values.Text(1, "path"),
            LibraryRoot = values.OptionalText(2, "library_root"),
            RelativePath = values.OptionalText(3, "relative_path"),
            Size = values.Integer(4, "size"),
            Mtime = values.Number(5, "mtime"),
            Duration = values.Number(6, "duration"),
            Model = embedding?.Model,
            EmbeddingDim = embedding?.Dimension,
            DescriptorVersion = (int)(values.OptionalInteger(10, "descriptor_version") ?? 0),
            Descriptors = new AudioDescriptors
            {
                Bpm = values.OptionalNumber(11, "bpm"),
                BpmConfidence = values.OptionalNumber(12, "bpm_confidence"),
                Key = values.OptionalText(13, "key"),
                Scale = values.OptionalText(14, "scale"),
                KeyStrength = values.OptionalNumber(15, "key_strength"),
                Loudness = values.OptionalNumber(16, "loudness"),
                Danceability = values.OptionalNumber(17, "danceability"),
                OnsetRate = values.OptionalNumber(18, "onset_rate"),
            },
            Tags = new TrackTags
            {
                Artist = values.OptionalText(19, "artist"),
                Album = values.OptionalText(20, "album"),
                Title = values.OptionalText(21, "title"),
                TrackNumber = (int?)values.OptionalInteger(22, "track_number", int.MinValue, int.MaxValue),
            },
            Styles = styles,
            AnalyzedAt = values.Number(24, "analyzed_at"),
            Fingerprint = values.OptionalText(25, "fingerprint"),
        };
        if (track.Size < 0)
        {
            throw values.Invalid("size", track.Size.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return new ImportedTrack { Track = track, Embedding = embedding, MissingEmbeddingReason = missing };
    }

    private (TrackEmbedding? Embedding, string? Missing) ReadEmbedding(RowValues values, string model, long dimension)
    {
        var blob = values.OptionalBlob(7, "embedding");
        var styleBlob = values.OptionalBlob(23, "style_activations");
        const int styleBytes = PythonSchema.StyleActivationCount * sizeof(float);
        if (styleBlob is { Length: > 0 and not styleBytes })
        {
            throw new ImportException(
                $"track {values.Id}: style_activations is {styleBlob.Length} bytes, expected {styleBytes} ({PythonSchema.StyleActivationCount} float32)");
        }

        if (blob is null || blob.Length == 0)
        {
            return (null, "no embedding");
        }

        if (dimension < 0 || blob.Length != dimension * sizeof(float))
        {
            throw new ImportException(
                $"track {values.Id}: embedding is {blob.Length} bytes, expected {dimension * sizeof(float)} for dimension {dimension}");
        }

        var vector = VectorEncoding.FromBytes(blob);
        if (!vector.All(float.IsFinite))
        {
            return (null, "the embedding holds NaN or infinite values");
        }

        if (_firstDimensionByModel.TryGetValue(model, out var first) && first != vector.Length)
        {
            return (null, $"dimension {vector.Length} differs from {first} of model {model}'s first track (the original ignored this row too)");
        }

        _firstDimensionByModel[model] = vector.Length;
        var styles = styleBlob is { Length: styleBytes } ? VectorEncoding.FromBytes(styleBlob) : null;
        return (new TrackEmbedding(model, vector, styles), null);
    }

    /// <summary>Typed access to a row's values by SQLite storage class, with errors that name the track and column.</summary>
    private readonly struct RowValues(long id, SqliteDataReader row)
    {
        public long Id => id;

        public string Text(int ordinal, string column) =>
            OptionalText(ordinal, column) is { Length: > 0 } text ? text : throw Invalid(column, Show(ordinal));

        public string? OptionalText(int ordinal, string column) => row.GetValue(ordinal) switch
        {
            DBNull => null,
            string text => text,
            _ => throw Invalid(column, Show(ordinal)),
        };

        public long Integer(int ordinal, string column) =>
            OptionalInteger(ordinal, column) ?? throw Invalid(column, Show(ordinal));

        public long? OptionalInteger(int ordinal, string column, long min = long.MinValue, long max = long.MaxValue) => row.GetValue(ordinal) switch
        {
            DBNull => null,
            long value when value >= min && value <= max => value,
            double value when value == Math.Floor(value) && value >= min && value <= max => (long)value,
            _ => throw Invalid(column, Show(ordinal)),
        };

        public double Number(int ordinal, string column) => row.GetValue(ordinal) switch
        {
            long value => value,
            double value when double.IsFinite(value) => value,
            _ => throw Invalid(column, Show(ordinal)),
        };

        /// <summary>Descriptors are independently optional, so an infinite one (SQLite stores NaN as NULL) is read as missing.</summary>
        public double? OptionalNumber(int ordinal, string column) => row.GetValue(ordinal) switch
        {
            DBNull => null,
            long value => value,
            double value => double.IsFinite(value) ? value : null,
            _ => throw Invalid(column, Show(ordinal)),
        };

        public byte[]? OptionalBlob(int ordinal, string column) => row.GetValue(ordinal) switch
        {
            DBNull => null,
            byte[] blob => blob,
            _ => throw Invalid(column, Show(ordinal)),
        };

        public ImportException Invalid(string column, string shown) => new($"track {id}: {column} is {shown}");

        private string Show(int ordinal) => row.GetValue(ordinal) switch
        {
            DBNull => "NULL",
            string text => $"the text '{(text.Length > 40 ? text[..40] + "…" : text)}'",
            byte[] blob => $"a blob of {blob.Length} bytes",
            IFormattable number => number.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            var other => other.ToString() ?? "?",
        };
    }
}
