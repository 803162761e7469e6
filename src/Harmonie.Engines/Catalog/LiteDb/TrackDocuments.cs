using Harmonie.Analysis;
using Harmonie.Tracks;
using LiteDB;

namespace Harmonie.Engines.Catalog.LiteDb;

/// <summary>Maps tracks to and from LiteDB documents (explicit, so the stored schema is ours, not the mapper's).</summary>
internal static class TrackDocuments
{
    public const string Collection = "tracks";
    public const string VectorCollection = "vectors";

    public static BsonDocument ToDocument(TrackRecord track, bool imported, long seq) => new()
    {
        ["_id"] = track.Id,
        ["path"] = track.Path,
        ["library_root"] = track.LibraryRoot,
        ["relative_path"] = track.RelativePath,
        ["size"] = track.Size,
        ["mtime"] = track.Mtime,
        ["duration"] = track.Duration,
        ["model"] = track.Model,
        ["embedding_dim"] = track.EmbeddingDim,
        ["descriptor_version"] = track.DescriptorVersion,
        ["bpm"] = track.Descriptors.Bpm,
        ["bpm_confidence"] = track.Descriptors.BpmConfidence,
        ["key"] = track.Descriptors.Key,
        ["scale"] = track.Descriptors.Scale,
        ["key_strength"] = track.Descriptors.KeyStrength,
        ["loudness"] = track.Descriptors.Loudness,
        ["danceability"] = track.Descriptors.Danceability,
        ["onset_rate"] = track.Descriptors.OnsetRate,
        ["artist"] = track.Tags.Artist,
        ["album"] = track.Tags.Album,
        ["title"] = track.Tags.Title,
        ["track_number"] = track.Tags.TrackNumber,
        ["artist_lc"] = Fold(track.Tags.Artist),
        ["album_lc"] = Fold(track.Tags.Album),
        ["title_lc"] = Fold(track.Tags.Title),
        ["styles"] = new BsonArray(track.Styles.Select(s => new BsonDocument { ["s"] = s.Style, ["p"] = s.Probability })),
        ["analyzed_at"] = track.AnalyzedAt,
        ["fingerprint"] = track.Fingerprint,
        ["imported"] = imported,
        ["seq"] = seq,
    };

    public static TrackRecord ToRecord(BsonDocument doc) => new()
    {
        Id = doc["_id"].AsInt64,
        Path = doc["path"].AsString,
        LibraryRoot = String(doc["library_root"]),
        RelativePath = String(doc["relative_path"]),
        Size = doc["size"].AsInt64,
        Mtime = doc["mtime"].AsDouble,
        Duration = doc["duration"].AsDouble,
        Model = String(doc["model"]),
        EmbeddingDim = Int(doc["embedding_dim"]),
        DescriptorVersion = doc["descriptor_version"].AsInt32,
        Descriptors = new AudioDescriptors
        {
            Bpm = Double(doc["bpm"]),
            BpmConfidence = Double(doc["bpm_confidence"]),
            Key = String(doc["key"]),
            Scale = String(doc["scale"]),
            KeyStrength = Double(doc["key_strength"]),
            Loudness = Double(doc["loudness"]),
            Danceability = Double(doc["danceability"]),
            OnsetRate = Double(doc["onset_rate"]),
        },
        Tags = new TrackTags
        {
            Artist = String(doc["artist"]),
            Album = String(doc["album"]),
            Title = String(doc["title"]),
            TrackNumber = Int(doc["track_number"]),
        },
        Styles = doc["styles"].IsArray
            ? [.. doc["styles"].AsArray.Select(s => new StyleScore(s["s"].AsString, s["p"].AsDouble))]
            : [],
        AnalyzedAt = doc["analyzed_at"].AsDouble,
        Fingerprint = String(doc["fingerprint"]),
    };

    public static TrackFileState ToFileState(BsonDocument doc) => new()
    {
        Id = doc["_id"].AsInt64,
        Path = doc["path"].AsString,
        LibraryRoot = String(doc["library_root"]),
        RelativePath = String(doc["relative_path"]),
        Size = doc["size"].AsInt64,
        Mtime = doc["mtime"].AsDouble,
        Model = String(doc["model"]),
        DescriptorVersion = doc["descriptor_version"].AsInt32,
        Fingerprint = String(doc["fingerprint"]),
        Imported = doc["imported"].IsBoolean && doc["imported"].AsBoolean,
    };

    public static BsonDocument ToVectorDocument(long id, TrackEmbedding embedding) => new()
    {
        ["_id"] = id,
        ["model"] = embedding.Model,
        ["embedding"] = VectorEncoding.ToBytes(embedding.Vector),
        ["styles"] = embedding.StyleActivations is null ? BsonValue.Null : VectorEncoding.ToBytes(embedding.StyleActivations),
    };

    public static TrackEmbedding ToEmbedding(BsonDocument doc) => new(
        doc["model"].AsString,
        VectorEncoding.FromBytes(doc["embedding"].AsBinary),
        doc["styles"].IsBinary ? VectorEncoding.FromBytes(doc["styles"].AsBinary) : null);

    /// <summary>Case folding for tag matching: Unicode-aware, unlike the original's ASCII-only NOCASE.</summary>
    public static string? Fold(string? value) => value?.ToLowerInvariant();

    private static string? String(BsonValue value) => value.IsNull ? null : value.AsString;

    private static double? Double(BsonValue value) => value.IsNumber ? value.AsDouble : null;

    private static int? Int(BsonValue value) => value.IsNumber ? value.AsInt32 : null;
}
