namespace Harmonie.Engines.Playlists;

/// <summary>The picker's answer: an index into the admissible list, nothing admissible, or "fetch more candidates first".</summary>
public readonly record struct PickOutcome(int Index, bool NeedsMoreCandidates)
{
    public static PickOutcome Nothing { get; } = new(-1, false);

    public static PickOutcome NeedMore { get; } = new(-1, true);

    public bool Picked => Index >= 0;
}
