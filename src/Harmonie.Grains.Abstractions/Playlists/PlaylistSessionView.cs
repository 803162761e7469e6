namespace Harmonie.Playlists;

/// <summary>A session so far: its request and every item returned, in order.</summary>
[GenerateSerializer, Immutable, Alias("harmonie.PlaylistSessionView")]
public sealed record PlaylistSessionView
{
    [Id(0)] public required string SessionId { get; init; }

    [Id(1)] public required PlaylistRequest Request { get; init; }

    [Id(2)] public required IReadOnlyList<PlaylistItem> Items { get; init; }

    [Id(3)] public required int Batches { get; init; }

    /// <summary>Unix seconds.</summary>
    [Id(4)] public required double CreatedAt { get; init; }

    [Id(5)] public required double LastUsedAt { get; init; }
}
