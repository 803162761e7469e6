namespace Harmonie.Engines.Import;

/// <summary>Something the import report says about one source row (a skip or an incomplete row).</summary>
public sealed record ImportRowNote(long SourceId, string Path, string Message);
