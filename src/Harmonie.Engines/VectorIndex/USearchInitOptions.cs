using System.Runtime.InteropServices;

namespace Harmonie.Engines.VectorIndex;

/// <summary>Mirror of <c>usearch_init_options_t</c> (usearch.h, 2.x).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct USearchInitOptions
{
    public int MetricKind;
    public nint Metric;
    public int Quantization;
    public nuint Dimensions;
    public nuint Connectivity;
    public nuint ExpansionAdd;
    public nuint ExpansionSearch;
    public byte Multi;
}
