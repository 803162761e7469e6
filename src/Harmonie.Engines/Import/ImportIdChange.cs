namespace Harmonie.Engines.Import;

/// <summary>A source track id and the id it got in this catalog.</summary>
public readonly record struct ImportIdChange(long OldId, long NewId);
