using System.Runtime.InteropServices;

namespace Harmonie.Engines.VectorIndex;

/// <summary>
/// The parts of USearch's C API (libusearch_c, shipped in the Cloud.Unum.USearch package) that the package's
/// C# wrapper does not expose: filtered search, reserve, thread slots and expansion changes. Each call
/// reports failure through a static error string that must not be freed.
/// </summary>
internal static unsafe partial class USearchNative
{
    public const int MetricInnerProduct = 2;
    public const int ScalarFloat32 = 1;
    public const int ScalarFloat16 = 3;

    private const string Library = "libusearch_c";

    [LibraryImport(Library, EntryPoint = "usearch_init")]
    public static partial USearchHandle Init(ref USearchInitOptions options, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_free")]
    public static partial void Free(nint index, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_save", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void Save(USearchHandle index, string path, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_load", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void Load(USearchHandle index, string path, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_metadata", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void Metadata(string path, ref USearchInitOptions options, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_size")]
    public static partial nuint Size(USearchHandle index, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_capacity")]
    public static partial nuint Capacity(USearchHandle index, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_dimensions")]
    public static partial nuint Dimensions(USearchHandle index, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_memory_usage")]
    public static partial nuint MemoryUsage(USearchHandle index, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_reserve")]
    public static partial void Reserve(USearchHandle index, nuint capacity, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_change_threads_add")]
    public static partial void ChangeThreadsAdd(USearchHandle index, nuint threads, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_change_threads_search")]
    public static partial void ChangeThreadsSearch(USearchHandle index, nuint threads, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_change_expansion_add")]
    public static partial void ChangeExpansionAdd(USearchHandle index, nuint expansion, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_change_expansion_search")]
    public static partial void ChangeExpansionSearch(USearchHandle index, nuint expansion, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_add")]
    public static partial void Add(USearchHandle index, ulong key, float* vector, int vectorKind, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_contains")]
    public static partial byte Contains(USearchHandle index, ulong key, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_remove")]
    public static partial nuint Remove(USearchHandle index, ulong key, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_search")]
    public static partial nuint Search(
        USearchHandle index, float* query, int queryKind, nuint count, ulong* keys, float* distances, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_filtered_search")]
    public static partial nuint FilteredSearch(
        USearchHandle index,
        float* query,
        int queryKind,
        nuint count,
        delegate* unmanaged[Cdecl]<ulong, nint, int> filter,
        nint filterState,
        ulong* keys,
        float* distances,
        out nint error);

    public static void ThrowIfError(nint error, string operation)
    {
        if (error != 0)
        {
            throw new InvalidOperationException($"USearch {operation} failed: {Marshal.PtrToStringUTF8(error)}");
        }
    }
}
