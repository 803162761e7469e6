namespace Harmonie.Playlists;

/// <summary>The <c>smooth_transitions</c> block of seeded playlist modes.</summary>
[GenerateSerializer, Immutable, Alias("harmonie.SmoothTransitions")]
public sealed record SmoothTransitions
{
    /// <summary>Largest allowed BPM gap (lenient: tracks without a BPM pass); null = no tempo rule.</summary>
    [Id(0)] public double? BpmTolerance { get; init; }

    /// <summary>Restrict picks to Camelot-compatible keys (strict: tracks without a key are dropped).</summary>
    [Id(1)] public bool KeyCompatible { get; init; }
}
