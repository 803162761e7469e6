namespace Harmonie.Engines.Catalog;

/// <summary>One rung of the resolution ladder: a relative path, or a title with optional artist and album (case-insensitive).</summary>
public sealed record ResolutionCriteria(string? RelativePath = null, string? Title = null, string? Artist = null, string? Album = null);
