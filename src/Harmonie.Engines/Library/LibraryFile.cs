namespace Harmonie.Engines.Library;

/// <summary>An audio file found under a library root: the path as walked and its symlink-resolved path.</summary>
public sealed record LibraryFile(string Path, string RealPath);
