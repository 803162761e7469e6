namespace Harmonie.Engines.Playlists;

/// <summary>A position on the Camelot wheel: 1–12 and A (minor) or B (major), e.g. 8A = A minor.</summary>
public readonly record struct CamelotCode(int Number, bool Major)
{
    public override string ToString() => $"{Number}{(Major ? 'B' : 'A')}";
}
