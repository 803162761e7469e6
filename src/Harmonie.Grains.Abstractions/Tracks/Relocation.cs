namespace Harmonie.Tracks;

/// <summary>An existing row (from a root that is no longer configured) that a track file turned out to be.</summary>
[GenerateSerializer, Immutable, Alias("harmonie.Relocation")]
public sealed record Relocation
{
    [Id(0)] public required long TrackId { get; init; }

    /// <summary>The root the row must still belong to; the move is declined otherwise.</summary>
    [Id(1)] public required string FromRoot { get; init; }

    [Id(2)] public string? LibraryRoot { get; init; }

    [Id(3)] public string? RelativePath { get; init; }

    /// <summary>New mtime and fingerprint when matched by content (a copy usually has a new mtime).</summary>
    [Id(4)] public double? Mtime { get; init; }

    [Id(5)] public string? Fingerprint { get; init; }
}
