using Harmonie.Engines.Filtering;
using Harmonie.Engines.Playlists;
using Harmonie.Engines.VectorIndex;
using Harmonie.Filtering;
using Harmonie.Similarity;
using Harmonie.Tracks;

namespace Harmonie.Engines.Similarity;

/// <summary>
/// One shard of one model's index: every track row (with its filter columns) and the unit vectors in an
/// <see cref="EmbeddingIndex"/>. Rows without a vector (another dimension, or no embedding) still take part
/// in filtered listings. Safe for concurrent queries with one writer.
/// </summary>
public sealed class TrackIndex : IDisposable
{
    // Float32 pre-selection can swap neighbours within rounding; re-rank a few extra in float64.
    private const int RerankMargin = 8;

    // An id bitset of up to 64 bits per row (or 64k ids) is smaller than a hash set of the same ids.
    private const long SparseIdSlack = 1 << 16;

    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<long, int> _rowOf = [];
    private readonly List<TrackRecord?> _rows = [];
    private readonly List<long> _idOfRow = [];
    private readonly Stack<int> _freeRows = new();
    private readonly TrackFilterColumns _columns = new();
    private readonly Dictionary<long, double> _vectorStamps = [];
    private readonly EmbeddingIndexOptions _options;
    private EmbeddingIndex? _vectors;
    private long _maxId;
    private long _rowVersion;
    private StyleTallySnapshot? _styleTallies;

    public TrackIndex(EmbeddingIndexOptions? options = null, EmbeddingIndex? vectors = null, IReadOnlyDictionary<long, double>? vectorStamps = null)
    {
        _options = options ?? new EmbeddingIndexOptions();
        _vectors = vectors;
        if (vectors is not null && vectorStamps is not null)
        {
            foreach (var id in vectors.GetIds())
            {
                if (vectorStamps.TryGetValue(id, out var stamp))
                {
                    _vectorStamps[id] = stamp;
                }
                else
                {
                    vectors.Remove(id);
                }
            }
        }
    }

    /// <summary>Rows held (with or without a vector).</summary>
    public int Count => Read(() => _rowOf.Count);

    public int VectorCount => Read(() => _vectors?.Count ?? 0);

    public int? Dimension => Read(() => _vectors?.Dimension);

    /// <summary>True when the vector held for this track came from its current analysis.</summary>
    public bool HasCurrentVector(TrackRecord track) =>
        Read(() => _vectorStamps.TryGetValue(track.Id, out var stamp) && stamp == track.AnalyzedAt);

    /// <summary>Adds or replaces a row; a null <paramref name="vector"/> keeps the vector held for it, if any.</summary>
    public void Upsert(TrackRecord track, float[]? vector = null)
    {
        _lock.EnterWriteLock();
        try
        {
            if (!_rowOf.TryGetValue(track.Id, out var row))
            {
                row = _freeRows.Count > 0 ? _freeRows.Pop() : _rows.Count;
                if (row == _rows.Count)
                {
                    _rows.Add(null);
                    _idOfRow.Add(0);
                }

                _idOfRow[row] = track.Id;
                _maxId = Math.Max(_maxId, track.Id);

                _rowOf[track.Id] = row;
            }

            _rows[row] = track;
            _columns.Set(row, track);
            _rowVersion++;
            if (vector is null)
            {
                return;
            }

            _vectors ??= new EmbeddingIndex(vector.Length, _options);
            if (vector.Length == _vectors.Dimension)
            {
                _vectors.Upsert(track.Id, vector);
                _vectorStamps[track.Id] = track.AnalyzedAt;
            }
            else if (_vectors.Remove(track.Id))
            {
                // The original skips rows of another dimension than the model's first row; so do we.
                _vectorStamps.Remove(track.Id);
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>
    /// Sets vectors read from the catalog for rows that have not changed since (a newer change event wins),
    /// inserting them into the graph in one parallel batch; returns how many were set.
    /// </summary>
    public int SetVectorsIfCurrent(IReadOnlyList<(TrackRecord Track, float[] Vector)> batch)
    {
        _lock.EnterWriteLock();
        try
        {
            var current = batch
                .Where(b => _rowOf.TryGetValue(b.Track.Id, out var row) && _rows[row]!.AnalyzedAt == b.Track.AnalyzedAt)
                .Where(b => (_vectors?.Dimension ?? b.Vector.Length) == b.Vector.Length)
                .ToList();
            if (current.Count == 0)
            {
                return 0;
            }

            _vectors ??= new EmbeddingIndex(current[0].Vector.Length, _options);
            var dimension = _vectors.Dimension;
            var ids = new long[current.Count];
            var rows = new float[current.Count * dimension];
            for (var i = 0; i < current.Count; i++)
            {
                ids[i] = current[i].Track.Id;
                current[i].Vector.CopyTo(rows, i * dimension);
                _vectorStamps[ids[i]] = current[i].Track.AnalyzedAt;
            }

            _vectors.UpsertRange(ids, rows);
            return current.Count;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public bool Remove(long id)
    {
        _lock.EnterWriteLock();
        try
        {
            return RemoveUnlocked(id);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Removes every row and vector whose id is not in <paramref name="keep"/>; returns how many ids went.</summary>
    public int RemoveAllExcept(IReadOnlySet<long> keep)
    {
        _lock.EnterWriteLock();
        try
        {
            var stale = _rowOf.Keys.Concat(_vectorStamps.Keys).Where(id => !keep.Contains(id)).Distinct().ToList();
            foreach (var id in stale)
            {
                RemoveUnlocked(id);
            }

            return stale.Count;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Nearest rows with a vector that pass the filter and are not excluded: cosine score, best first, ties by id.</summary>
    public IReadOnlyList<SimilarMatch> Search(ReadOnlySpan<float> query, int limit, CompiledTrackFilter filter, IReadOnlySet<long> exclude)
    {
        _lock.EnterReadLock();
        try
        {
            if (_vectors is null || limit <= 0 || query.Length != _vectors.Dimension)
            {
                return [];
            }

            var allowed = AllowedIds(filter);
            try
            {
                var matches = _vectors.Search(query, limit, new VectorFilter(allowed, exclude));
                return [.. matches.Select(m => new SimilarMatch(_rows[_rowOf[m.Id]]!, m.Score))];
            }
            finally
            {
                (allowed as IDisposable)?.Dispose();
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Candidates for the playlist engine: ranked by the exact float64 dot with <paramref name="query"/>, with their vectors.</summary>
    public IReadOnlyList<IndexedTrack> Nearest(double[] query, int limit, CompiledTrackFilter filter, IReadOnlySet<long> exclude)
    {
        var floatQuery = Array.ConvertAll(query, q => (float)q);
        var candidates = Search(floatQuery, limit + RerankMargin, filter, exclude);
        var ranked = new List<(IndexedTrack Track, double Score)>(candidates.Count);
        foreach (var candidate in candidates)
        {
            if (TryGetVector(candidate.Track.Id, out var vector))
            {
                ranked.Add((new IndexedTrack(candidate.Track, vector), UnitVectors.Dot(vector, query)));
            }
        }

        return [.. ranked.OrderByDescending(r => r.Score).ThenBy(r => r.Track.Track.Id).Take(limit).Select(r => r.Track)];
    }

    public IReadOnlyList<IndexedTrack> GetTracks(IEnumerable<long> ids) => Read(() =>
        (IReadOnlyList<IndexedTrack>)[.. ids.Where(_rowOf.ContainsKey).Distinct().Select(id =>
            new IndexedTrack(_rows[_rowOf[id]]!, _vectors is not null && _vectors.TryGetVector(id, out var v) ? v : null))]);

    public bool TryGetVector(long id, out float[] vector)
    {
        vector = [];
        var found = Read(() => _vectors?.TryGetVector(id, out var v) == true ? v : null);
        if (found is null)
        {
            return false;
        }

        vector = found;
        return true;
    }

    /// <summary>How many rows pass the filter, and the first <paramref name="top"/> in listing order (key ascending, nulls first, then id).</summary>
    public TrackQueryResult Query(CompiledTrackFilter filter, TrackOrder order, int top) => Read(() =>
    {
        var rows = MatchingRows(filter);

        // Only the listed rows' records are read when the order is by id (the default): ids have their own column.
        var listed = order == TrackOrder.Id
            ? First(rows, row => _idOfRow[row], top, Comparer<long>.Default).ConvertAll(row => _rows[row]!)
            : First(rows.Select(row => _rows[row]!), track => track, top, TrackListOrder.For(order));
        return new TrackQueryResult(rows.Count, listed);
    });

    /// <summary>Every row passing the filter, in ascending id order.</summary>
    public IReadOnlyList<TrackRecord> Matching(CompiledTrackFilter filter) =>
        Read(() => (IReadOnlyList<TrackRecord>)[.. MatchingRows(filter).OrderBy(row => _idOfRow[row]).Select(row => _rows[row]!)]);

    /// <summary>The style rows tallied for <c>/genres</c> and <c>/styles</c>; kept until a row changes.</summary>
    public IReadOnlyList<StyleTally> StyleTallies(double styleMin) => Read(() =>
    {
        // Readers share the lock, so several may tally at once; each publishes a complete snapshot.
        if (Volatile.Read(ref _styleTallies) is { } cached && cached.RowVersion == _rowVersion && cached.StyleMin.Equals(styleMin))
        {
            return cached.Tallies;
        }

        var statistics = new StyleStatistics(styleMin);
        foreach (var track in _rows)
        {
            if (track is not null)
            {
                statistics.Add(track);
            }
        }

        var tallies = statistics.ToTallies();
        Volatile.Write(ref _styleTallies, new StyleTallySnapshot(_rowVersion, styleMin, tallies));
        return tallies;
    });

    /// <summary>Writes the vectors and their stamps; rows are not saved (they are re-read from the catalog).</summary>
    public async Task SaveAsync(string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var (vectors, stamps) = Read(() => (_vectors, new Dictionary<long, double>(_vectorStamps)));
        if (vectors is null)
        {
            return;
        }

        await vectors.SaveAsync(directory, 0, cancellationToken);
        await VectorStampManifest.SaveAsync(directory, stamps, cancellationToken);
    }

    /// <summary>Loads the vectors saved by <see cref="SaveAsync"/>; an empty index when there is no usable snapshot.</summary>
    public static async Task<TrackIndex> LoadAsync(string directory, EmbeddingIndexOptions? options, CancellationToken cancellationToken)
    {
        if (!EmbeddingIndex.SnapshotExists(directory) || await VectorStampManifest.LoadAsync(directory, cancellationToken) is not { } stamps)
        {
            return new TrackIndex(options);
        }

        try
        {
            var loaded = await EmbeddingIndex.LoadAsync(directory, options, cancellationToken);
            return new TrackIndex(options, loaded.Index, stamps);
        }
        catch (InvalidDataException)
        {
            return new TrackIndex(options);
        }
    }

    public void Dispose()
    {
        _vectors?.Dispose();
        _lock.Dispose();
    }

    private bool RemoveUnlocked(long id)
    {
        _vectors?.Remove(id);
        _vectorStamps.Remove(id);
        if (!_rowOf.Remove(id, out var row))
        {
            return false;
        }

        _rows[row] = null;
        _columns.Clear(row);
        _rowVersion++;
        _freeRows.Push(row);
        return true;
    }

    /// <summary>The <paramref name="count"/> items with the smallest keys, in key order, without sorting the rest.</summary>
    private static List<T> First<T, TKey>(IEnumerable<T> items, Func<T, TKey> key, int count, IComparer<TKey> comparer)
    {
        var kept = new PriorityQueue<T, TKey>(Comparer<TKey>.Create((x, y) => comparer.Compare(y, x)));
        TKey? largestKept = default;
        foreach (var item in items)
        {
            var itemKey = key(item);
            if (kept.Count < count)
            {
                kept.Enqueue(item, itemKey);
            }
            else if (count == 0 || comparer.Compare(itemKey, largestKept) >= 0)
            {
                continue;
            }
            else
            {
                kept.EnqueueDequeue(item, itemKey);
            }

            kept.TryPeek(out _, out largestKept);
        }

        var first = new List<T>(kept.Count);
        while (kept.Count > 0)
        {
            first.Add(kept.Dequeue());
        }

        first.Reverse();
        return first;
    }

    /// <summary>Row numbers of the tracks passing the filter, ascending.</summary>
    private List<int> MatchingRows(CompiledTrackFilter filter)
    {
        var rows = new List<int>();
        _columns.Bind(filter).CollectMatchingRows(rows);
        return rows;
    }

    /// <summary>Null when the filter matches everything; a bitset over ids while ids are dense (catalog ids are).</summary>
    private IReadOnlySet<long>? AllowedIds(CompiledTrackFilter filter)
    {
        if (filter.MatchesEverything)
        {
            return null;
        }

        // Ids from their own column (a track record read costs a cache miss per row), no row list in between:
        // at a million tracks a broad filter's list is a large-object allocation per query.
        IReadOnlySet<long> allowed;
        Func<long, bool> add;
        if (_maxId > (64L * _rowOf.Count) + SparseIdSlack)
        {
            var set = new HashSet<long>();
            (allowed, add) = (set, set.Add);
        }
        else
        {
            var bits = new IdBitSet(_maxId);
            (allowed, add) = (bits, bits.Add);
        }

        _columns.Bind(filter).ForEachMatchingRow(row => add(_idOfRow[row]));
        return allowed;
    }

    private T Read<T>(Func<T> read)
    {
        _lock.EnterReadLock();
        try
        {
            return read();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }
}
