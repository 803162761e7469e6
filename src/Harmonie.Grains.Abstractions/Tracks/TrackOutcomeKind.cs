namespace Harmonie.Tracks;

public enum TrackOutcomeKind
{
    /// <summary>Fully analysed and stored.</summary>
    Full,

    /// <summary>Descriptors refreshed; embedding kept.</summary>
    DescriptorsOnly,

    /// <summary>Could not be analysed; the error says why.</summary>
    Failed,

    /// <summary>The file disappeared before it was analysed.</summary>
    Vanished,
}
