using System.Buffers;
using System.Collections;
using System.Numerics;

namespace Harmonie.Engines.VectorIndex;

/// <summary>
/// A set of non-negative ids as one bit per id, for the allowed set of a filtered search: catalog ids are dense,
/// so this is a few KB where a <see cref="HashSet{T}"/> of the same ids is a large-object allocation per query.
/// Membership is one read, enumeration is ascending. The bits come from <see cref="ArrayPool{T}"/>: dispose to return them.
/// </summary>
public sealed class IdBitSet : IReadOnlySet<long>, IDisposable
{
    private ulong[] _words;
    private int _wordCount;

    /// <param name="maxId">The largest id the set will hold.</param>
    public IdBitSet(long maxId)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxId);
        var words = checked((int)((maxId >> 6) + 1));
        _words = ArrayPool<ulong>.Shared.Rent(words);
        Array.Clear(_words, 0, words);
        _wordCount = words;
    }

    public int Count { get; private set; }

    /// <summary>Adds an id; false when it was already present.</summary>
    public bool Add(long id)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(id >> 6, _wordCount, nameof(id));
        ref var word = ref _words[id >> 6];
        var bit = 1UL << (int)(id & 63);
        if ((word & bit) != 0)
        {
            return false;
        }

        word |= bit;
        Count++;
        return true;
    }

    public bool Contains(long id) => id >= 0 && (id >> 6) < _wordCount && (_words[id >> 6] & (1UL << (int)(id & 63))) != 0;

    public IEnumerator<long> GetEnumerator()
    {
        for (var w = 0; w < _wordCount; w++)
        {
            for (var bits = _words[w]; bits != 0; bits &= bits - 1)
            {
                yield return ((long)w << 6) + BitOperations.TrailingZeroCount(bits);
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool IsSubsetOf(IEnumerable<long> other) => Count == 0 || ContainedIn(other) == Count;

    public bool IsProperSubsetOf(IEnumerable<long> other)
    {
        var set = other.ToHashSet();
        return set.Count > Count && ContainedIn(set) == Count;
    }

    public bool IsSupersetOf(IEnumerable<long> other) => other.All(Contains);

    public bool IsProperSupersetOf(IEnumerable<long> other)
    {
        var set = other.ToHashSet();
        return set.Count < Count && set.All(Contains);
    }

    public bool Overlaps(IEnumerable<long> other) => other.Any(Contains);

    public bool SetEquals(IEnumerable<long> other)
    {
        var set = other.ToHashSet();
        return set.Count == Count && set.All(Contains);
    }

    public void Dispose()
    {
        if (_words.Length > 0)
        {
            ArrayPool<ulong>.Shared.Return(_words);
            _words = [];
            _wordCount = 0;
            Count = 0;
        }
    }

    private int ContainedIn(IEnumerable<long> other) => other.Distinct().Count(Contains);
}
