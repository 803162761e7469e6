namespace Harmonie.Engines.Catalog;

/// <summary>Where a track lives: its path as walked and its place in a library.</summary>
public sealed record TrackLocation(string Path, string? LibraryRoot, string? RelativePath);
