namespace Harmonie.Engines.Catalog;

/// <summary>The part of a catalog row that scan classification and relocation look at.</summary>
public sealed record TrackFileState
{
    public required long Id { get; init; }

    public required string Path { get; init; }

    public string? LibraryRoot { get; init; }

    public string? RelativePath { get; init; }

    public required long Size { get; init; }

    public required double Mtime { get; init; }

    public string? Model { get; init; }

    public required int DescriptorVersion { get; init; }

    public string? Fingerprint { get; init; }

    /// <summary>True for rows brought in by <c>harmonie import</c>: they keep their model until the file changes.</summary>
    public bool Imported { get; init; }
}
