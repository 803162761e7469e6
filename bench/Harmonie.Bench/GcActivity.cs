namespace Harmonie.Bench;

/// <summary>Garbage collector work during a measurement: gen2 collections, total pause time and bytes allocated (whole process).</summary>
public sealed record GcActivity(int Gen2Collections, TimeSpan Pauses, long AllocatedBytes);
