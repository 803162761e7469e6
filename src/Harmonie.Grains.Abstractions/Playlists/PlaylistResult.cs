namespace Harmonie.Playlists;

/// <summary>A generated playlist (or the next batch of a session).</summary>
[GenerateSerializer, Immutable, Alias("harmonie.PlaylistResult")]
public sealed record PlaylistResult
{
    [Id(0)] public IReadOnlyList<PlaylistItem> Items { get; init; } = [];

    /// <summary>Seed references that did not resolve (reported with a session's first batch only).</summary>
    [Id(1)] public IReadOnlyList<UnresolvedSeedReference> UnresolvedSeedRefs { get; init; } = [];

    /// <summary>Set by the session grain when the playlist can be continued (endless radio); null for one-shot playlists.</summary>
    [Id(2)] public string? SessionId { get; init; }
}
