namespace Harmonie.Engines.Import;

/// <summary>
/// The SQLite schema of the Python harmonie (BEHAVIOUR.md §4), versions 0 to 3. Version 0 means no
/// <c>meta.schema_version</c>: a file from before the migrations, read by whichever columns it has.
/// </summary>
public static class PythonSchema
{
    /// <summary>The newest schema version this build can read.</summary>
    public const int NewestVersion = 3;

    /// <summary>Floats in a <c>style_activations</c> blob (the Discogs-400 head's outputs).</summary>
    public const int StyleActivationCount = 400;

    /// <summary>Columns every version has, version 0 included: without them a row cannot be used.</summary>
    internal static readonly string[] CoreColumns =
        ["id", "path", "size", "mtime", "duration", "embedding", "embedding_dim", "model", "analyzed_at"];

    /// <summary>Every <c>tracks</c> column, in the order the reader selects them; missing optional ones read as NULL.</summary>
    internal static readonly string[] TrackColumns =
    [
        "id", "path", "library_root", "relative_path", "size", "mtime", "duration", "embedding", "embedding_dim", "model",
        "descriptor_version", "bpm", "bpm_confidence", "key", "scale", "key_strength", "loudness", "danceability",
        "onset_rate", "artist", "album", "title", "track_number", "style_activations", "analyzed_at", "fingerprint",
    ];

    internal static readonly string[] StyleColumns = ["track_id", "style", "probability"];

    /// <summary>The <c>tracks</c> columns a file of this version must have.</summary>
    internal static IEnumerable<string> RequiredTrackColumns(int version) => version switch
    {
        0 => CoreColumns,
        < 3 => TrackColumns.Where(c => c != "fingerprint"),
        _ => TrackColumns,
    };
}
