namespace Harmonie.Engines.Library;

/// <summary>
/// An old row that an enumerated file turned out to be. When matched by fingerprint the row's mtime and
/// fingerprint are refreshed too, because a copy usually carries a new mtime.
/// </summary>
public sealed record RelocationMatch(long RowId, string FromRoot, bool ByFingerprint, double? NewMtime, string? NewFingerprint);
