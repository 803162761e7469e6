using Microsoft.Win32.SafeHandles;

namespace Harmonie.Engines.VectorIndex;

/// <summary>Owns a native <c>usearch_index_t</c>.</summary>
internal sealed class USearchHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public USearchHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        USearchNative.Free(handle, out _);
        return true;
    }
}
