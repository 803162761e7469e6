namespace Harmonie.Playlists;

/// <summary>One domain violation of a playlist request: the JSON field path (e.g. <c>seed_refs[1].weight</c>) and a message.</summary>
[GenerateSerializer, Immutable, Alias("harmonie.PlaylistValidationError")]
public sealed record PlaylistValidationError(
    [property: Id(0)] string Field,
    [property: Id(1)] string Message);
