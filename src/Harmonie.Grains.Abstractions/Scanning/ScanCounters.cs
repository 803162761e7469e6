namespace Harmonie.Scanning;

/// <summary>The counters of one scan (BEHAVIOUR.md §2.3).</summary>
[GenerateSerializer, Immutable, Alias("harmonie.ScanCounters")]
public sealed record ScanCounters
{
    public static ScanCounters Zero { get; } = new();

    [Id(0)] public long Discovered { get; init; }

    [Id(1)] public long Full { get; init; }

    [Id(2)] public long DescriptorsOnly { get; init; }

    [Id(3)] public long Skipped { get; init; }

    [Id(4)] public long Failed { get; init; }

    [Id(5)] public long Removed { get; init; }

    public ScanCounters Add(ScanCounters other) => new()
    {
        Discovered = Discovered + other.Discovered,
        Full = Full + other.Full,
        DescriptorsOnly = DescriptorsOnly + other.DescriptorsOnly,
        Skipped = Skipped + other.Skipped,
        Failed = Failed + other.Failed,
        Removed = Removed + other.Removed,
    };
}
