using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Harmonie.Engines.VectorIndex;

/// <summary>
/// An HNSW graph in USearch (inner-product metric over normalised vectors, keys = track ids). Not
/// synchronised for writers: the owner serialises Add/Remove/Reserve; searches may run concurrently with each
/// other, bounded by the number of native thread slots.
/// </summary>
internal sealed unsafe class USearchGraph : IDisposable
{
    private const int MinimumReserve = 1024;
    private const long ExpansionReferenceSize = 100_000;

    private readonly USearchHandle _handle;
    private readonly EmbeddingIndexOptions _options;
    private readonly SemaphoreSlim _searchSlots;
    private int _expansionSearch;

    private USearchGraph(USearchHandle handle, EmbeddingIndexOptions options)
    {
        _handle = handle;
        _options = options;
        _searchSlots = new SemaphoreSlim(options.SearchThreadSlots, options.SearchThreadSlots);
    }

    public long Size => (long)USearchNative.Size(_handle, out _);

    public long MemoryUsageBytes => (long)USearchNative.MemoryUsage(_handle, out _);

    public static USearchGraph Create(int dimension, EmbeddingIndexOptions options)
    {
        var init = InitOptions(dimension, options);
        var handle = USearchNative.Init(ref init, out var error);
        if (error != 0 || handle.IsInvalid)
        {
            handle.Dispose();
            USearchNative.ThrowIfError(error, "init");
            throw new InvalidOperationException("USearch init returned no index.");
        }

        var graph = new USearchGraph(handle, options);
        graph.ApplyRuntimeSettings();
        return graph;
    }

    /// <summary>Loads a saved graph; returns null with a reason when the file does not fit this index.</summary>
    public static USearchGraph? TryLoad(string path, int dimension, EmbeddingIndexOptions options, out string? problem)
    {
        var metadata = default(USearchInitOptions);
        USearchNative.Metadata(path, ref metadata, out var error);
        if (error != 0)
        {
            problem = $"unreadable graph header ({Marshal.PtrToStringUTF8(error)})";
            return null;
        }

        var expected = InitOptions(dimension, options);
        if ((int)metadata.Dimensions != dimension || metadata.Quantization != expected.Quantization
            || metadata.MetricKind != expected.MetricKind)
        {
            problem = "graph file was built with other settings";
            return null;
        }

        var graph = Create(dimension, options);
        USearchNative.Load(graph._handle, path, out error);
        if (error != 0)
        {
            problem = $"graph load failed ({Marshal.PtrToStringUTF8(error)})";
            graph.Dispose();
            return null;
        }

        // Expansion and thread slots are not part of the file.
        graph.ApplyRuntimeSettings();
        problem = null;
        return graph;
    }

    /// <summary>
    /// The search effort (HNSW ef) for a graph of <paramref name="size"/> vectors: the configured value up to
    /// 100,000, doubled per tenfold growth beyond, because recall falls as the graph grows (at 1M, ef 128 gave
    /// recall@10 0.971 and ef 256 gave 0.996; docs/BENCHMARKS.md §7).
    /// </summary>
    internal static int ExpansionSearchFor(int configured, long size) =>
        size <= ExpansionReferenceSize
            ? configured
            : (int)Math.Ceiling(configured * Math.Pow((double)size / ExpansionReferenceSize, Math.Log10(2)));

    /// <summary>
    /// Grows capacity ahead of inserts (USearch's own grow-on-add is not safe with concurrent adds) and sets the
    /// search effort for the grown size. The caller excludes concurrent searches.
    /// </summary>
    public void EnsureCapacity(long required)
    {
        ApplyExpansionSearch(required);
        var capacity = (long)USearchNative.Capacity(_handle, out _);
        if (required <= capacity)
        {
            return;
        }

        var target = Math.Max(required, Math.Max(MinimumReserve, capacity + (capacity / 2)));
        USearchNative.Reserve(_handle, (nuint)target, out var error);
        USearchNative.ThrowIfError(error, "reserve");

        // Reserving resizes the per-thread contexts, so restate the slot counts afterwards.
        ApplyThreadSlots();
    }

    /// <summary>Adds a vector; the caller has reserved capacity. Safe to call from several threads at once.</summary>
    public void Add(long id, ReadOnlySpan<float> vector)
    {
        fixed (float* pointer = vector)
        {
            USearchNative.Add(_handle, (ulong)id, pointer, USearchNative.ScalarFloat32, out var error);
            USearchNative.ThrowIfError(error, "add");
        }
    }

    public bool Remove(long id)
    {
        var removed = USearchNative.Remove(_handle, (ulong)id, out var error);
        USearchNative.ThrowIfError(error, "remove");
        return removed > 0;
    }

    public bool Contains(long id) => USearchNative.Contains(_handle, (ulong)id, out _) != 0;

    /// <summary>Nearest keys by graph distance; <paramref name="filter"/> (if any) is applied during the walk.</summary>
    public int Search(ReadOnlySpan<float> query, Span<ulong> keys, VectorFilter? filter)
    {
        var distances = keys.Length <= 256 ? stackalloc float[keys.Length] : new float[keys.Length];
        _searchSlots.Wait();
        try
        {
            fixed (float* queryPointer = query)
            fixed (ulong* keyPointer = keys)
            fixed (float* distancePointer = distances)
            {
                nuint found;
                nint error;
                if (filter is null)
                {
                    found = USearchNative.Search(
                        _handle, queryPointer, USearchNative.ScalarFloat32, (nuint)keys.Length, keyPointer, distancePointer, out error);
                }
                else
                {
                    var state = GCHandle.Alloc(filter);
                    try
                    {
                        found = USearchNative.FilteredSearch(
                            _handle,
                            queryPointer,
                            USearchNative.ScalarFloat32,
                            (nuint)keys.Length,
                            &PermitsKey,
                            GCHandle.ToIntPtr(state),
                            keyPointer,
                            distancePointer,
                            out error);
                    }
                    finally
                    {
                        state.Free();
                    }
                }

                USearchNative.ThrowIfError(error, "search");
                return (int)found;
            }
        }
        finally
        {
            _searchSlots.Release();
        }
    }

    public void Save(string path)
    {
        USearchNative.Save(_handle, path, out var error);
        USearchNative.ThrowIfError(error, "save");
    }

    public void Dispose()
    {
        _handle.Dispose();
        _searchSlots.Dispose();
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int PermitsKey(ulong key, nint state)
    {
        var filter = (VectorFilter)GCHandle.FromIntPtr(state).Target!;
        return filter.Permits((long)key) ? 1 : 0;
    }

    private static USearchInitOptions InitOptions(int dimension, EmbeddingIndexOptions options) => new()
    {
        // Vectors arrive normalised, so inner product is cosine; a zero vector gets distance 1 (score 0), never NaN.
        MetricKind = USearchNative.MetricInnerProduct,
        Quantization = options.Quantization == VectorQuantization.Float16 ? USearchNative.ScalarFloat16 : USearchNative.ScalarFloat32,
        Dimensions = (nuint)dimension,
        Connectivity = (nuint)options.Connectivity,
        ExpansionAdd = (nuint)options.ExpansionAdd,
        ExpansionSearch = (nuint)options.ExpansionSearch,
    };

    private void ApplyRuntimeSettings()
    {
        USearchNative.ChangeExpansionAdd(_handle, (nuint)_options.ExpansionAdd, out var error);
        USearchNative.ThrowIfError(error, "change_expansion_add");
        _expansionSearch = 0;
        ApplyExpansionSearch(Size);
        ApplyThreadSlots();
    }

    private void ApplyExpansionSearch(long size)
    {
        var expansion = ExpansionSearchFor(_options.ExpansionSearch, size);
        if (expansion == _expansionSearch)
        {
            return;
        }

        USearchNative.ChangeExpansionSearch(_handle, (nuint)expansion, out var error);
        USearchNative.ThrowIfError(error, "change_expansion_search");
        _expansionSearch = expansion;
    }

    private void ApplyThreadSlots()
    {
        USearchNative.ChangeThreadsSearch(_handle, (nuint)_options.SearchThreadSlots, out var error);
        USearchNative.ThrowIfError(error, "change_threads_search");
        USearchNative.ChangeThreadsAdd(_handle, (nuint)Math.Max(_options.BuildThreads, 1), out error);
        USearchNative.ThrowIfError(error, "change_threads_add");
    }
}
