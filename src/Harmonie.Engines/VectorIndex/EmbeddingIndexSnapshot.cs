using System.Globalization;
using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Harmonie.Engines.VectorIndex;

/// <summary>
/// Snapshot files in one directory: <c>vectors.hvix</c> (header, ids, float32 normalised vectors; the commit
/// point, replaced by an atomic rename) and <c>graph-{generation}.usearch</c> (USearch's own format). Each
/// save writes a graph under a fresh generation before committing the vector file that names it, so a crash
/// at any moment leaves the previous snapshot or the new one, never a mix.
/// </summary>
internal static class EmbeddingIndexSnapshot
{
    public const string VectorFileName = "vectors.hvix";
    private const string GraphFilePattern = "graph-*.usearch";
    private const int BufferSize = 1 << 20;

    public static string VectorPath(string directory) => Path.Combine(directory, VectorFileName);

    public static string GraphPath(string directory, ulong generation) =>
        Path.Combine(directory, $"graph-{generation.ToString("x16", CultureInfo.InvariantCulture)}.usearch");

    public static ulong NewGeneration()
    {
        ulong generation;
        do
        {
            generation = (ulong)Random.Shared.NextInt64();
        }
        while (generation == 0);
        return generation;
    }

    /// <summary>Length and XxHash3 of a file, forced to disk first so the checksum describes durable bytes.</summary>
    public static (long Length, ulong Checksum) FlushAndHash(string path, CancellationToken cancellationToken)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read, BufferSize, FileOptions.SequentialScan);
        stream.Flush(flushToDisk: true);
        return (stream.Length, Hash(stream, cancellationToken));
    }

    public static (long Length, ulong Checksum) HashFile(string path, CancellationToken cancellationToken)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);
        return (stream.Length, Hash(stream, cancellationToken));
    }

    public static void WriteVectors(string directory, SnapshotHeader header, VectorRowStore store, CancellationToken cancellationToken)
    {
        var finalPath = VectorPath(directory);
        var temporaryPath = finalPath + ".tmp";
        try
        {
            using (var stream = new FileStream(temporaryPath, FileMode.Create, FileAccess.Write, FileShare.None, BufferSize))
            {
                Span<byte> headerBytes = stackalloc byte[SnapshotHeader.Size];
                stream.Write(headerBytes);
                var hash = new XxHash3();
                Append(stream, hash, MemoryMarshal.AsBytes(store.Ids));
                for (var chunk = 0; chunk < store.UsedChunkCount; chunk++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    Append(stream, hash, MemoryMarshal.AsBytes(store.ChunkRows(chunk)));
                }

                (header with { PayloadChecksum = hash.GetCurrentHashAsUInt64() }).Write(headerBytes);
                stream.Position = 0;
                stream.Write(headerBytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporaryPath, finalPath, overwrite: true);
        }
        catch
        {
            File.Delete(temporaryPath);
            throw;
        }
    }

    /// <summary>Reads and verifies the vector file into an empty store.</summary>
    public static (SnapshotHeader Header, VectorRowStore Store) ReadVectors(string directory, CancellationToken cancellationToken)
    {
        using var stream = new FileStream(VectorPath(directory), FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);
        Span<byte> headerBytes = stackalloc byte[SnapshotHeader.Size];
        stream.ReadExactly(headerBytes);
        var header = SnapshotHeader.Read(headerBytes);
        var expectedLength = SnapshotHeader.Size + (header.Count * sizeof(long)) + (header.Count * header.Dimension * (long)sizeof(float));
        if (stream.Length != expectedLength)
        {
            throw new InvalidDataException($"Embedding index snapshot is {stream.Length} bytes, expected {expectedLength}.");
        }

        var store = new VectorRowStore(header.Dimension);
        var hash = new XxHash3();
        var ids = new long[header.Count];
        stream.ReadExactly(MemoryMarshal.AsBytes(ids.AsSpan()));
        hash.Append(MemoryMarshal.AsBytes(ids.AsSpan()));
        store.InitialiseIds(ids);
        for (var chunk = 0; chunk < store.UsedChunkCount; chunk++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var bytes = MemoryMarshal.AsBytes(store.ChunkRows(chunk));
            stream.ReadExactly(bytes);
            hash.Append(bytes);
        }

        if (hash.GetCurrentHashAsUInt64() != header.PayloadChecksum)
        {
            throw new InvalidDataException("Embedding index snapshot vectors checksum mismatch.");
        }

        store.EncodeAll();

        return (header, store);
    }

    /// <summary>Removes graph files and leftovers of interrupted saves, except the committed graph.</summary>
    public static void DeleteStaleFiles(string directory, ulong keepGeneration)
    {
        var keep = keepGeneration == 0 ? null : Path.GetFileName(GraphPath(directory, keepGeneration));
        foreach (var path in Directory.EnumerateFiles(directory, GraphFilePattern).Concat(Directory.EnumerateFiles(directory, "graph-*.usearch.tmp")))
        {
            if (!string.Equals(Path.GetFileName(path), keep, StringComparison.Ordinal))
            {
                TryDelete(path);
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // A reader may still have it open; the next save retries.
        }
    }

    private static void Append(Stream stream, XxHash3 hash, ReadOnlySpan<byte> bytes)
    {
        hash.Append(bytes);
        stream.Write(bytes);
    }

    private static ulong Hash(Stream stream, CancellationToken cancellationToken)
    {
        var hash = new XxHash3();
        var buffer = new byte[BufferSize];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            hash.Append(buffer.AsSpan(0, read));
        }

        return hash.GetCurrentHashAsUInt64();
    }
}
