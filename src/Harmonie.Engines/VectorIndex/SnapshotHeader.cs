using System.Buffers.Binary;
using System.IO.Hashing;

namespace Harmonie.Engines.VectorIndex;

/// <summary>
/// Fixed 80-byte little-endian header of the snapshot's vector file: magic "HVIX", format version,
/// dimension, graph quantization, vector count, caller watermark, graph file generation/length/XxHash3,
/// XxHash3 of the payload (ids then vectors) and XxHash3 of the header bytes before it.
/// </summary>
internal readonly record struct SnapshotHeader(
    int Dimension,
    VectorQuantization Quantization,
    long Count,
    long Watermark,
    ulong GraphGeneration,
    long GraphLength,
    ulong GraphChecksum,
    ulong PayloadChecksum)
{
    public const int Size = 80;
    public const uint Magic = 0x58495648; // "HVIX"
    public const int FormatVersion = 1;

    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(destination[4..], FormatVersion);
        BinaryPrimitives.WriteInt32LittleEndian(destination[8..], Dimension);
        BinaryPrimitives.WriteInt32LittleEndian(destination[12..], (int)Quantization);
        BinaryPrimitives.WriteInt64LittleEndian(destination[16..], Count);
        BinaryPrimitives.WriteInt64LittleEndian(destination[24..], Watermark);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[32..], GraphGeneration);
        BinaryPrimitives.WriteInt64LittleEndian(destination[40..], GraphLength);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[48..], GraphChecksum);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[56..], PayloadChecksum);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[64..], XxHash3.HashToUInt64(destination[..64]));
        destination[72..Size].Clear();
    }

    public static SnapshotHeader Read(ReadOnlySpan<byte> source)
    {
        if (source.Length < Size || BinaryPrimitives.ReadUInt32LittleEndian(source) != Magic)
        {
            throw new InvalidDataException("Not an embedding index snapshot (bad magic).");
        }

        var version = BinaryPrimitives.ReadInt32LittleEndian(source[4..]);
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"Unsupported embedding index snapshot version {version}.");
        }

        if (BinaryPrimitives.ReadUInt64LittleEndian(source[64..]) != XxHash3.HashToUInt64(source[..64]))
        {
            throw new InvalidDataException("Embedding index snapshot header checksum mismatch.");
        }

        var header = new SnapshotHeader(
            BinaryPrimitives.ReadInt32LittleEndian(source[8..]),
            (VectorQuantization)BinaryPrimitives.ReadInt32LittleEndian(source[12..]),
            BinaryPrimitives.ReadInt64LittleEndian(source[16..]),
            BinaryPrimitives.ReadInt64LittleEndian(source[24..]),
            BinaryPrimitives.ReadUInt64LittleEndian(source[32..]),
            BinaryPrimitives.ReadInt64LittleEndian(source[40..]),
            BinaryPrimitives.ReadUInt64LittleEndian(source[48..]),
            BinaryPrimitives.ReadUInt64LittleEndian(source[56..]));
        if (header.Dimension <= 0 || header.Count < 0 || header.Count > Array.MaxLength)
        {
            throw new InvalidDataException("Embedding index snapshot header holds impossible sizes.");
        }

        return header;
    }
}
