using Harmonie.Tracks;

namespace Harmonie.Playlists;

/// <summary>One playlist entry: the track, its score (meaning depends on the mode) and its catalog row for the response.</summary>
[GenerateSerializer, Immutable, Alias("harmonie.PlaylistItem")]
public sealed record PlaylistItem(
    [property: Id(0)] long TrackId,
    [property: Id(1)] double Score,
    [property: Id(2)] TrackRecord Track);
