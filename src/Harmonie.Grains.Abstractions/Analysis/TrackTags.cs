namespace Harmonie.Analysis;

/// <summary>The tags harmonie keeps from a file; all null when the file has none or they cannot be read.</summary>
[GenerateSerializer, Immutable, Alias("harmonie.TrackTags")]
public sealed record TrackTags
{
    public static TrackTags Empty { get; } = new();

    [Id(0)] public string? Artist { get; init; }

    [Id(1)] public string? Album { get; init; }

    [Id(2)] public string? Title { get; init; }

    [Id(3)] public int? TrackNumber { get; init; }
}
