using System.Buffers.Binary;
using System.IO.Hashing;

namespace Harmonie.Engines.Similarity;

/// <summary>
/// Which analysis each snapshotted vector came from (track id → <c>analyzed_at</c>), so a reload re-reads
/// only the vectors whose track was analysed again since the snapshot. Written atomically, checksummed.
/// </summary>
internal static class VectorStampManifest
{
    private const string FileName = "stamps.bin";
    private const uint Magic = 0x534D5448; // "HTMS"
    private const int Version = 1;

    public static async Task SaveAsync(string directory, IReadOnlyDictionary<long, double> stamps, CancellationToken cancellationToken)
    {
        var payload = new byte[12 + (stamps.Count * 16)];
        BinaryPrimitives.WriteUInt32LittleEndian(payload, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(payload.AsSpan(4), Version);
        BinaryPrimitives.WriteInt32LittleEndian(payload.AsSpan(8), stamps.Count);
        var offset = 12;
        foreach (var (id, stamp) in stamps)
        {
            BinaryPrimitives.WriteInt64LittleEndian(payload.AsSpan(offset), id);
            BinaryPrimitives.WriteDoubleLittleEndian(payload.AsSpan(offset + 8), stamp);
            offset += 16;
        }

        var checksum = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(checksum, XxHash3.HashToUInt64(payload));
        var path = Path.Combine(directory, FileName);
        var temp = path + ".tmp";
        await using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            await stream.WriteAsync(payload, cancellationToken);
            await stream.WriteAsync(checksum, cancellationToken);
            await stream.FlushAsync(cancellationToken);
        }

        File.Move(temp, path, overwrite: true);
    }

    /// <summary>The stamps, or null when the manifest is missing or damaged (the caller then re-reads every vector).</summary>
    public static async Task<Dictionary<long, double>?> LoadAsync(string directory, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        if (bytes.Length < 20)
        {
            return null;
        }

        var payload = bytes.AsSpan(0, bytes.Length - 8);
        if (XxHash3.HashToUInt64(payload) != BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(bytes.Length - 8)) ||
            BinaryPrimitives.ReadUInt32LittleEndian(payload) != Magic ||
            BinaryPrimitives.ReadInt32LittleEndian(payload[4..]) != Version)
        {
            return null;
        }

        var count = BinaryPrimitives.ReadInt32LittleEndian(payload[8..]);
        if (payload.Length != 12 + (count * 16))
        {
            return null;
        }

        var stamps = new Dictionary<long, double>(count);
        for (var i = 0; i < count; i++)
        {
            var entry = payload.Slice(12 + (i * 16), 16);
            stamps[BinaryPrimitives.ReadInt64LittleEndian(entry)] = BinaryPrimitives.ReadDoubleLittleEndian(entry[8..]);
        }

        return stamps;
    }
}
