namespace Harmonie.Bench;

/// <summary>One reading of <see cref="MemorySampler"/>: seconds since it started, the label then, working set and managed heap bytes.</summary>
public sealed record MemorySample(double Seconds, string Label, long WorkingSetBytes, long ManagedBytes);
