using System.Runtime.Intrinsics.X86;

namespace Harmonie.Engines.VectorIndex;

/// <summary>
/// The engine's float32 normalised vectors, packed densely in row order (a removal moves the last row into
/// the hole) so an exact scan reads contiguous memory, each with its <see cref="Int8Codes"/> for a cheaper first pass.
/// Rows live in fixed-size chunks: no single array approaches the 2 GB limit at a million 1280-d vectors, and growth
/// never copies existing rows. Not synchronised: the owner locks.
/// </summary>
internal sealed class VectorRowStore
{
    public const int RowsPerChunk = 4096;

    private const int CacheLineBytes = 64;

    private readonly int _dimension;
    private readonly List<float[]> _chunks = [];
    private readonly List<sbyte[]> _codeChunks = [];
    private readonly IdRowMap _rowById = new();
    private long[] _ids = new long[RowsPerChunk];
    private float[] _codeScales = new float[RowsPerChunk];

    public VectorRowStore(int dimension)
    {
        _dimension = dimension;
    }

    public int Count { get; private set; }

    /// <summary>Bytes of the float32 rows and their int8 codes.</summary>
    public long VectorBytes => (long)_chunks.Count * RowsPerChunk * _dimension * (sizeof(float) + sizeof(sbyte));

    public bool Contains(long id) => _rowById.TryGetRow(id, out _);

    public bool TryGetRow(long id, out int row) => _rowById.TryGetRow(id, out row);

    public long IdAt(int row) => _ids[row];

    public Span<float> Row(int row) =>
        _chunks[row / RowsPerChunk].AsSpan(row % RowsPerChunk * _dimension, _dimension);

    public ReadOnlySpan<sbyte> Codes(int row) => WritableCodes(row);

    public float CodeScale(int row) => _codeScales[row];

    /// <summary>
    /// Asks the CPU to start loading the codes of <paramref name="row"/>. A filtered scan jumps between rows far
    /// apart, which the hardware prefetcher does not follow; measured 3.5 → 2.3 ms for 10,000 of 100,000 rows.
    /// </summary>
    public unsafe void PrefetchCodes(int row)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        fixed (sbyte* codes = Codes(row))
        {
            for (var offset = 0; offset < _dimension; offset += CacheLineBytes)
            {
                Sse.Prefetch0(codes + offset);
            }
        }
    }

    /// <summary>The rows of one chunk that are in use, for sequential scans and snapshot writes.</summary>
    public Span<float> ChunkRows(int chunk)
    {
        var rows = Math.Min(RowsPerChunk, Count - (chunk * RowsPerChunk));
        return _chunks[chunk].AsSpan(0, Math.Max(rows, 0) * _dimension);
    }

    public int UsedChunkCount => (Count + RowsPerChunk - 1) / RowsPerChunk;

    public ReadOnlySpan<long> Ids => _ids.AsSpan(0, Count);

    /// <summary>Stores an already-normalised vector; returns its row and whether the id was present before.</summary>
    public int Set(long id, ReadOnlySpan<float> normalised, out bool replaced)
    {
        replaced = _rowById.TryGetRow(id, out var row);
        if (!replaced)
        {
            row = Count;
            EnsureRows(row + 1);
            _ids[row] = id;
            _rowById.Set(id, row);
            Count++;
        }

        normalised.CopyTo(Row(row));
        Encode(row);
        return row;
    }

    public bool Remove(long id)
    {
        if (!_rowById.Remove(id, out var row))
        {
            return false;
        }

        var last = Count - 1;
        if (row != last)
        {
            var movedId = _ids[last];
            Row(last).CopyTo(Row(row));
            Encode(row);
            _ids[row] = movedId;
            _rowById.Set(movedId, row);
        }

        Row(last).Clear();
        Count--;
        return true;
    }

    /// <summary>Claims rows for ids read from a snapshot; the caller then fills <see cref="ChunkRows"/> and calls <see cref="EncodeAll"/>.</summary>
    public void InitialiseIds(ReadOnlySpan<long> ids)
    {
        if (Count != 0)
        {
            throw new InvalidOperationException("The store already holds vectors.");
        }

        EnsureRows(ids.Length);
        for (var row = 0; row < ids.Length; row++)
        {
            if (_rowById.TryGetRow(ids[row], out _))
            {
                throw new InvalidDataException($"Snapshot lists id {ids[row]} twice.");
            }

            _rowById.Set(ids[row], row);
            _ids[row] = ids[row];
        }

        Count = ids.Length;
    }

    public void EncodeAll() => Parallel.For(0, Count, Encode);

    public void EnsureRows(int rows)
    {
        while (_chunks.Count * RowsPerChunk < rows)
        {
            _chunks.Add(new float[RowsPerChunk * _dimension]);
            _codeChunks.Add(new sbyte[RowsPerChunk * _dimension]);
        }

        if (_ids.Length < rows)
        {
            var length = Math.Max(rows, _ids.Length * 2);
            Array.Resize(ref _ids, length);
            Array.Resize(ref _codeScales, length);
        }
    }

    private void Encode(int row) => _codeScales[row] = Int8Codes.Encode(Row(row), WritableCodes(row));

    private Span<sbyte> WritableCodes(int row) =>
        _codeChunks[row / RowsPerChunk].AsSpan(row % RowsPerChunk * _dimension, _dimension);
}
