using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Numerics.Tensors;

namespace Harmonie.Engines.VectorIndex;

/// <summary>
/// Similarity index for one embedding model: cosine similarity over L2-normalised vectors, top-k by score
/// descending then id ascending, every score an exact float64 dot of the stored float32 vectors. Candidates
/// come from an HNSW graph (USearch) or, for small indexes and selective filters, from an exact scan.
/// Many concurrent readers, one writer at a time.
/// </summary>
public sealed class EmbeddingIndex : IDisposable
{
    // Exclusion sets up to this size are handled by over-fetching instead of a per-node callback.
    private const int SmallExclusionLimit = 64;

    // Allowed sets of at least 1/4 of the vectors try an unfiltered walk fetching up to 4× the candidates first.
    private const int PostFilterMaxWidening = 4;

    // Extra candidates a scan's first pass passes on to the float64 re-score: float32 rounding misorders only
    // near-ties; int8 codes (±0.0005 on a score) need a wider margin.
    private const int Float32RescoreMargin = 16;
    private const int CodesRescoreMargin = 64;

    // How far ahead a scan over scattered rows asks for the codes it reads next.
    private const int PrefetchRowsAhead = 4;

    // Below this many rows per thread, splitting a scan costs more than it saves.
    private const int ParallelScanMinRows = 4096;

    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly VectorRowStore _store;
    private USearchGraph? _graph;
    private bool _disposed;
    private long _graphSearches;
    private long _graphFallbacks;

    public EmbeddingIndex(int dimension, EmbeddingIndexOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        Options = options ?? new EmbeddingIndexOptions();
        Options.Validate();
        Dimension = dimension;
        _store = new VectorRowStore(dimension);
        _graph = Options.SearchStrategy == VectorSearchStrategy.Exact ? null : USearchGraph.Create(dimension, Options);
    }

    private EmbeddingIndex(EmbeddingIndexOptions options, VectorRowStore store, int dimension, USearchGraph? graph)
    {
        Options = options;
        Dimension = dimension;
        _store = store;
        _graph = graph;
    }

    public int Dimension { get; }

    public EmbeddingIndexOptions Options { get; }

    public int Count => Read(() => _store.Count);

    /// <summary>Bytes held by the float32 vectors used for exact scoring (managed heap).</summary>
    public long VectorMemoryBytes => Read(() => _store.VectorBytes);

    /// <summary>Bytes held by the native HNSW graph, 0 without one.</summary>
    public long GraphMemoryBytes => Read(() => _graph?.MemoryUsageBytes ?? 0);

    public bool Contains(long id) => Read(() => _store.Contains(id));

    /// <summary>Searches answered from graph candidates, and those that fell back to a scan (too few permitted hits).</summary>
    internal (long GraphSearches, long Fallbacks) GraphStatistics => (Interlocked.Read(ref _graphSearches), Interlocked.Read(ref _graphFallbacks));

    /// <summary>A copy of the stored (normalised) vector of <paramref name="id"/>.</summary>
    public bool TryGetVector(long id, [NotNullWhen(true)] out float[]? normalised)
    {
        _lock.EnterReadLock();
        try
        {
            ThrowIfDisposed();
            if (_store.TryGetRow(id, out var row))
            {
                normalised = _store.Row(row).ToArray();
                return true;
            }

            normalised = null;
            return false;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Every id in the index, ascending (to reconcile with the catalog after a load).</summary>
    public long[] GetIds()
    {
        var ids = Read(() => _store.Ids.ToArray());
        Array.Sort(ids);
        return ids;
    }

    /// <summary>Adds or replaces the vector of <paramref name="id"/> (normalised on the way in).</summary>
    public void Upsert(long id, ReadOnlySpan<float> vector)
    {
        RequireDimension(vector.Length, nameof(vector));
        var normalised = ArrayPool<float>.Shared.Rent(Dimension);
        try
        {
            VectorMath.Normalise(vector, normalised.AsSpan(0, Dimension));
            _lock.EnterWriteLock();
            try
            {
                ThrowIfDisposed();
                var row = _store.Set(id, normalised.AsSpan(0, Dimension), out var replaced);
                if (_graph is not null)
                {
                    try
                    {
                        if (replaced)
                        {
                            _graph.Remove(id);
                        }

                        _graph.EnsureCapacity(_graph.Size + 1);
                        _graph.Add(id, _store.Row(row));
                    }
                    catch
                    {
                        // Keep the vectors and the graph in agreement: a failed upsert drops the id.
                        _graph.Remove(id);
                        _store.Remove(id);
                        throw;
                    }
                }
            }
            finally
            {
                _lock.ExitWriteLock();
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(normalised);
        }
    }

    /// <summary>
    /// Adds or replaces many vectors at once (row-major, <c>ids.Length × Dimension</c> floats); graph inserts run
    /// on <see cref="EmbeddingIndexOptions.BuildThreads"/> threads. A repeated id keeps its last vector.
    /// </summary>
    public void UpsertRange(ReadOnlySpan<long> ids, ReadOnlySpan<float> vectors)
    {
        if (vectors.Length != (long)ids.Length * Dimension)
        {
            throw new ArgumentException($"Expected {ids.Length} × {Dimension} floats, got {vectors.Length}.", nameof(vectors));
        }

        var normalised = new float[vectors.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            var range = new Range(i * Dimension, (i + 1) * Dimension);
            VectorMath.Normalise(vectors[range], normalised.AsSpan(range));
        }

        _lock.EnterWriteLock();
        try
        {
            ThrowIfDisposed();
            var pending = new List<long>(ids.Length);
            var seen = new HashSet<long>(ids.Length);
            for (var i = 0; i < ids.Length; i++)
            {
                _store.Set(ids[i], normalised.AsSpan(i * Dimension, Dimension), out var replaced);
                if (seen.Add(ids[i]))
                {
                    pending.Add(ids[i]);
                    if (replaced)
                    {
                        _graph?.Remove(ids[i]);
                    }
                }
            }

            if (_graph is not null)
            {
                try
                {
                    AddToGraph(_graph, _store, pending, Options.BuildThreads, CancellationToken.None);
                }
                catch
                {
                    foreach (var id in pending)
                    {
                        _graph.Remove(id);
                        _store.Remove(id);
                    }

                    throw;
                }
            }
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
            ThrowIfDisposed();
            if (!_store.Remove(id))
            {
                return false;
            }

            _graph?.Remove(id);
            return true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>
    /// The <paramref name="k"/> best matches for <paramref name="query"/> among the ids <paramref name="filter"/>
    /// permits, by score descending then id ascending. Negative scores are included.
    /// </summary>
    /// <exception cref="ArgumentException">The query's dimension differs from the index's.</exception>
    public IReadOnlyList<VectorMatch> Search(ReadOnlySpan<float> query, int k, VectorFilter? filter = null)
    {
        RequireDimension(query.Length, nameof(query));
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var buffer = ArrayPool<float>.Shared.Rent(Dimension);
        try
        {
            VectorMath.Normalise(query, buffer.AsSpan(0, Dimension));
            return Read(() => SearchNormalised(buffer.AsSpan(0, Dimension), k, filter ?? VectorFilter.None, Options.SearchStrategy));
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Matches for the stored vector of <paramref name="id"/> (used as is, like the original's cached row), or
    /// null when the id is not indexed. The id itself is a candidate unless <paramref name="filter"/> excludes it.
    /// </summary>
    public IReadOnlyList<VectorMatch>? SearchSimilarTo(long id, int k, VectorFilter? filter = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var buffer = ArrayPool<float>.Shared.Rent(Dimension);
        try
        {
            return Read(() =>
            {
                if (!_store.TryGetRow(id, out var row))
                {
                    return null;
                }

                var query = buffer.AsSpan(0, Dimension);
                _store.Row(row).CopyTo(query);
                return SearchNormalised(query, k, filter ?? VectorFilter.None, Options.SearchStrategy);
            });
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    /// <summary>The same result as <see cref="Search"/> by scanning every permitted vector (ground truth).</summary>
    public IReadOnlyList<VectorMatch> SearchExact(ReadOnlySpan<float> query, int k, VectorFilter? filter = null)
    {
        RequireDimension(query.Length, nameof(query));
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var buffer = ArrayPool<float>.Shared.Rent(Dimension);
        try
        {
            VectorMath.Normalise(query, buffer.AsSpan(0, Dimension));
            return Read(() => SearchNormalised(buffer.AsSpan(0, Dimension), k, filter ?? VectorFilter.None, VectorSearchStrategy.Exact));
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Writes a snapshot (vectors, ids, <paramref name="watermark"/> and the graph) into
    /// <paramref name="directory"/>, atomically replacing the previous one. Searches continue meanwhile;
    /// writers wait until it is done.
    /// </summary>
    public Task SaveAsync(string directory, long watermark = 0, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        return Task.Run(() => Save(directory, watermark, cancellationToken), cancellationToken);
    }

    public static bool SnapshotExists(string directory) => File.Exists(EmbeddingIndexSnapshot.VectorPath(directory));

    /// <summary>
    /// Loads a snapshot written by <see cref="SaveAsync"/>. The vector file must be intact
    /// (<see cref="InvalidDataException"/> otherwise); a missing or inconsistent graph file is rebuilt from the vectors.
    /// </summary>
    public static Task<EmbeddingIndexLoadResult> LoadAsync(
        string directory, EmbeddingIndexOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        options ??= new EmbeddingIndexOptions();
        options.Validate();
        return Task.Run(() => Load(directory, options, cancellationToken), cancellationToken);
    }

    public void Dispose()
    {
        _lock.EnterWriteLock();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _graph?.Dispose();
            _graph = null;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    private static EmbeddingIndexLoadResult Load(string directory, EmbeddingIndexOptions options, CancellationToken cancellationToken)
    {
        var (header, store) = EmbeddingIndexSnapshot.ReadVectors(directory, cancellationToken);
        if (options.SearchStrategy == VectorSearchStrategy.Exact)
        {
            return new EmbeddingIndexLoadResult(new EmbeddingIndex(options, store, header.Dimension, null), header.Watermark, false, null);
        }

        var graph = TryLoadGraph(directory, header, store, options, cancellationToken, out var problem);
        if (graph is null)
        {
            graph = USearchGraph.Create(header.Dimension, options);
            try
            {
                var ids = store.Ids.ToArray();
                AddToGraph(graph, store, ids, options.BuildThreads, cancellationToken);
            }
            catch
            {
                graph.Dispose();
                throw;
            }
        }

        return new EmbeddingIndexLoadResult(
            new EmbeddingIndex(options, store, header.Dimension, graph), header.Watermark, problem is not null, problem);
    }

    private static USearchGraph? TryLoadGraph(
        string directory, SnapshotHeader header, VectorRowStore store, EmbeddingIndexOptions options, CancellationToken cancellationToken, out string? problem)
    {
        if (header.GraphGeneration == 0)
        {
            problem = "the snapshot has no graph";
            return null;
        }

        var path = EmbeddingIndexSnapshot.GraphPath(directory, header.GraphGeneration);
        if (!File.Exists(path))
        {
            problem = "graph file missing";
            return null;
        }

        // Verify before USearch reads it: a damaged graph could send its walk out of bounds.
        var (length, checksum) = EmbeddingIndexSnapshot.HashFile(path, cancellationToken);
        if (length != header.GraphLength || checksum != header.GraphChecksum)
        {
            problem = "graph file does not match the snapshot (length or checksum)";
            return null;
        }

        var graph = USearchGraph.TryLoad(path, header.Dimension, options, out problem);
        if (graph is null)
        {
            return null;
        }

        if (graph.Size != store.Count)
        {
            problem = $"graph holds {graph.Size} vectors, the snapshot {store.Count}";
            graph.Dispose();
            return null;
        }

        foreach (var id in store.Ids)
        {
            if (!graph.Contains(id))
            {
                problem = $"graph lacks id {id}";
                graph.Dispose();
                return null;
            }
        }

        return graph;
    }

    private static void AddToGraph(USearchGraph graph, VectorRowStore store, IReadOnlyList<long> ids, int threads, CancellationToken cancellationToken)
    {
        graph.EnsureCapacity(graph.Size + ids.Count);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken };
        Parallel.For(0, ids.Count, parallel, i =>
        {
            store.TryGetRow(ids[i], out var row);
            graph.Add(ids[i], store.Row(row));
        });
    }

    private void Save(string directory, long watermark, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        ulong generation = 0;
        _lock.EnterReadLock();
        try
        {
            ThrowIfDisposed();
            long graphLength = 0;
            ulong graphChecksum = 0;
            if (_graph is not null)
            {
                generation = EmbeddingIndexSnapshot.NewGeneration();
                var graphPath = EmbeddingIndexSnapshot.GraphPath(directory, generation);
                var temporaryPath = graphPath + ".tmp";
                try
                {
                    _graph.Save(temporaryPath);
                    (graphLength, graphChecksum) = EmbeddingIndexSnapshot.FlushAndHash(temporaryPath, cancellationToken);
                    File.Move(temporaryPath, graphPath, overwrite: true);
                }
                catch
                {
                    File.Delete(temporaryPath);
                    throw;
                }
            }

            var header = new SnapshotHeader(
                Dimension, Options.Quantization, _store.Count, watermark, generation, graphLength, graphChecksum, PayloadChecksum: 0);
            EmbeddingIndexSnapshot.WriteVectors(directory, header, _store, cancellationToken);
        }
        finally
        {
            _lock.ExitReadLock();
        }

        EmbeddingIndexSnapshot.DeleteStaleFiles(directory, generation);
    }

    /// <summary>Runs under the read lock.</summary>
    private VectorMatch[] SearchNormalised(ReadOnlySpan<float> normalised, int k, VectorFilter filter, VectorSearchStrategy strategy)
    {
        if (k == 0 || _store.Count == 0 || filter.Allowed is { Count: 0 })
        {
            return [];
        }

        // Ground truth (the Exact strategy) ranks in float32; every other scan by int8 codes.
        var useCodes = strategy != VectorSearchStrategy.Exact;
        if (_graph is null || !UseGraph(normalised, filter, strategy))
        {
            return ScanExact(normalised, k, filter, useCodes);
        }

        Interlocked.Increment(ref _graphSearches);
        var fromGraph = SearchGraph(_graph, normalised, k, filter);
        if (fromGraph is null)
        {
            Interlocked.Increment(ref _graphFallbacks);
            return ScanExact(normalised, k, filter, useCodes);
        }

        return fromGraph;
    }

    private bool UseGraph(ReadOnlySpan<float> normalisedQuery, VectorFilter filter, VectorSearchStrategy strategy)
    {
        if (strategy == VectorSearchStrategy.Exact)
        {
            return false;
        }

        // A zero query scores 0 against everything, so the answer is the lowest permitted ids: no graph knows that.
        if (!normalisedQuery.ContainsAnyExcept(0f))
        {
            return false;
        }

        if (strategy == VectorSearchStrategy.Graph)
        {
            return true;
        }

        if (_store.Count <= Options.ExactSearchMaxCount)
        {
            return false;
        }

        return filter.Allowed is not { } allowed || (double)allowed.Count * allowed.Count > Options.FilteredScanFactor * _store.Count;
    }

    /// <summary>Graph candidates re-ranked exactly; null when the graph found too few permitted ids.</summary>
    private VectorMatch[]? SearchGraph(USearchGraph graph, ReadOnlySpan<float> query, int k, VectorFilter filter)
    {
        var rerank = (long)k + Options.RerankCandidates;

        // A broad allowed set is first tried as a plain walk that fetches enough candidates for k of them to pass
        // at the set's share. When k do pass they are the best permitted ones (everything outside the candidates
        // scores lower), at the cost of an unfiltered search; a filtered walk costs several times more.
        if (filter.Allowed is { } allowed && (long)allowed.Count * PostFilterMaxWidening >= _store.Count
            && Walk(graph, query, k, rerank * _store.Count / Math.Max(allowed.Count, 1), filter, filterInWalk: false) is { } postFiltered)
        {
            return postFiltered;
        }

        var overFetchExclusions = filter.Allowed is null && filter.Excluded.Count <= SmallExclusionLimit;
        return Walk(graph, query, k, rerank + (overFetchExclusions ? filter.Excluded.Count : 0), filter, filterInWalk: !overFetchExclusions);
    }

    private VectorMatch[]? Walk(USearchGraph graph, ReadOnlySpan<float> query, int k, long wanted, VectorFilter filter, bool filterInWalk)
    {
        var candidateCount = (int)Math.Min(wanted, _store.Count);
        var keys = candidateCount <= 512 ? stackalloc ulong[candidateCount] : new ulong[candidateCount];
        var found = graph.Search(query, keys, filterInWalk ? filter : null);

        var top = new TopMatches(k);
        for (var i = 0; i < found; i++)
        {
            var id = (long)keys[i];
            if (filter.Permits(id) && _store.TryGetRow(id, out var row))
            {
                top.Offer(id, VectorMath.Dot(query, _store.Row(row)));
            }
        }

        var permittedUpperBound = filter.Allowed?.Count ?? _store.Count;
        return top.Count < Math.Min(k, permittedUpperBound) ? null : top.ToSortedArray();
    }

    /// <summary>
    /// Exact scan: a SIMD first pass over int8 codes (<paramref name="useCodes"/>; a quarter of the memory traffic)
    /// or float32 rows picks a margin more than k candidates, which are then scored in float64 from the float32 rows.
    /// Large scans are split over <see cref="EmbeddingIndexOptions.ScanThreads"/>.
    /// </summary>
    private VectorMatch[] ScanExact(ReadOnlySpan<float> query, int k, VectorFilter filter, bool useCodes)
    {
        var queryArray = query.ToArray();
        sbyte[]? queryCodes = null;
        if (useCodes)
        {
            queryCodes = new sbyte[query.Length];
            Int8Codes.Encode(query, queryCodes);
        }

        int[]? rows = null;
        var rowCount = _store.Count;
        if (filter.Allowed is { } allowed && allowed.Count < _store.Count)
        {
            rows = ArrayPool<int>.Shared.Rent(allowed.Count);
            rowCount = 0;
            foreach (var id in allowed)
            {
                if (!filter.Excluded.Contains(id) && _store.TryGetRow(id, out var row))
                {
                    rows[rowCount++] = row;
                }
            }

            // Ascending rows read memory front to back.
            Array.Sort(rows, 0, rowCount);
            filter = VectorFilter.None;
        }

        var keep = k + (useCodes ? CodesRescoreMargin : Float32RescoreMargin);
        var partitions = Math.Clamp(rowCount / ParallelScanMinRows, 1, Options.ScanThreads);
        var partial = new VectorMatch[partitions][];
        try
        {
            if (partitions == 1)
            {
                partial[0] = ScanPartition(queryArray, queryCodes, rows, 0, rowCount, keep, filter);
            }
            else
            {
                Parallel.For(0, partitions, new ParallelOptions { MaxDegreeOfParallelism = partitions }, p =>
                {
                    var start = (int)((long)rowCount * p / partitions);
                    var end = (int)((long)rowCount * (p + 1) / partitions);
                    partial[p] = ScanPartition(queryArray, queryCodes, rows, start, end, keep, filter);
                });
            }
        }
        finally
        {
            if (rows is not null)
            {
                ArrayPool<int>.Shared.Return(rows);
            }
        }

        var top = new TopMatches(k);
        foreach (var candidate in partial.SelectMany(p => p).Order(Comparer<VectorMatch>.Create(VectorMatch.CompareBestFirst)).Take(keep))
        {
            _store.TryGetRow(candidate.Id, out var row);
            top.Offer(candidate.Id, VectorMath.Dot(query, _store.Row(row)));
        }

        return top.ToSortedArray();
    }

    private VectorMatch[] ScanPartition(float[] query, sbyte[]? queryCodes, int[]? rows, int start, int end, int keep, VectorFilter filter)
    {
        var top = new TopMatches(keep);
        var unfiltered = filter.Allowed is null && filter.Excluded.Count == 0;
        var prefetch = rows is not null && queryCodes is not null;
        for (var i = start; i < end; i++)
        {
            var row = rows is null ? i : rows[i];
            if (prefetch && i + PrefetchRowsAhead < end)
            {
                _store.PrefetchCodes(rows![i + PrefetchRowsAhead]);
            }

            var id = _store.IdAt(row);
            if (unfiltered || filter.Permits(id))
            {
                // The query's own scale is the same for every row, so it is left out of the ranking score.
                top.Offer(id, queryCodes is null
                    ? TensorPrimitives.Dot(query, _store.Row(row))
                    : _store.CodeScale(row) * (double)Int8Codes.Dot(queryCodes, _store.Codes(row)));
            }
        }

        return top.ToSortedArray();
    }

    private T Read<T>(Func<T> read)
    {
        _lock.EnterReadLock();
        try
        {
            ThrowIfDisposed();
            return read();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private void RequireDimension(int length, string parameterName)
    {
        if (length != Dimension)
        {
            throw new ArgumentException($"Vector has {length} dimensions, the index {Dimension}.", parameterName);
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
