namespace Harmonie.Engines.VectorIndex;

/// <summary>
/// Row numbers by id. Catalog ids are dense (1, 2, 3, …), so ids below a bound that grows with the map live in an
/// array: a filtered scan looks its ids up in ascending order, which then reads memory front to back instead of
/// missing the cache twice per id in a dictionary of a million entries. Other ids go to a dictionary.
/// </summary>
internal sealed class IdRowMap
{
    private const int MinDenseIds = 1 << 16;

    // Row + 1, so that 0 means absent. No id in _sparse is below _dense.Length.
    private int[] _dense = [];
    private readonly Dictionary<long, int> _sparse = [];

    public int Count { get; private set; }

    public bool TryGetRow(long id, out int row)
    {
        if ((ulong)id < (ulong)_dense.Length)
        {
            row = _dense[id] - 1;
            return row >= 0;
        }

        return _sparse.TryGetValue(id, out row);
    }

    /// <summary>Adds or moves an id.</summary>
    public void Set(long id, int row)
    {
        if ((ulong)id < (ulong)_dense.Length || TryGrowDense(id))
        {
            Count += _dense[id] == 0 ? 1 : 0;
            _dense[id] = row + 1;
        }
        else if (_sparse.TryAdd(id, row))
        {
            Count++;
        }
        else
        {
            _sparse[id] = row;
        }
    }

    public bool Remove(long id, out int row)
    {
        if (!TryGetRow(id, out row))
        {
            return false;
        }

        if ((ulong)id < (ulong)_dense.Length)
        {
            _dense[id] = 0;
        }
        else
        {
            _sparse.Remove(id);
        }

        Count--;
        return true;
    }

    // The array stays dense: at most four slots per id held (or 64k), so a few huge ids do not allocate gigabytes.
    private bool TryGrowDense(long id)
    {
        var limit = Math.Max(MinDenseIds, 4L * (Count + 1));
        if (id < 0 || id >= limit)
        {
            return false;
        }

        var length = (int)Math.Min(limit, Math.Max(id + 1, _dense.Length * 2L));
        Array.Resize(ref _dense, length);
        foreach (var (sparseId, sparseRow) in _sparse.Where(entry => entry.Key < length).ToList())
        {
            _sparse.Remove(sparseId);
            _dense[sparseId] = sparseRow + 1;
        }

        return true;
    }
}
