namespace Harmonie.Tracks;

/// <summary>What a client knows about a track: a path and/or tags, resolved by the ladder of API.md.</summary>
[GenerateSerializer, Immutable, Alias("harmonie.TrackReference")]
public sealed record TrackReference
{
    [Id(0)] public string? Path { get; init; }

    [Id(1)] public string? Artist { get; init; }

    [Id(2)] public string? Album { get; init; }

    [Id(3)] public string? Title { get; init; }

    public bool IsEmpty =>
        string.IsNullOrEmpty(Path) && string.IsNullOrEmpty(Artist) && string.IsNullOrEmpty(Album) && string.IsNullOrEmpty(Title);
}
