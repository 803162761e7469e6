namespace Harmonie.Similarity;

/// <summary>
/// Addresses index shards: one grain (and one change stream) per embedding model and shard. Tracks without
/// a model (no embedding) live in the shards of the empty model name, so filtered listings still see them.
/// </summary>
public static class SimilarityIndexKey
{
    /// <summary>The stream provider carrying track changes.</summary>
    public const string StreamProvider = "harmonie";

    /// <summary>Stream namespace of <see cref="Tracks.TrackChange"/> events; the stream key is the shard's grain key.</summary>
    public const string ChangeStream = "harmonie.track-changes";

    public static string For(string? model, int shard) => $"{model ?? string.Empty}|{shard}";

    public static string ForTrack(string? model, long trackId, int shards) => For(model, ShardOf(trackId, shards));

    public static int ShardOf(long trackId, int shards) => (int)((ulong)trackId % (ulong)Math.Max(1, shards));

    public static (string? Model, int Shard) Parse(string key)
    {
        var separator = key.LastIndexOf('|');
        var model = key[..separator];
        return (model.Length == 0 ? null : model, int.Parse(key[(separator + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }
}
