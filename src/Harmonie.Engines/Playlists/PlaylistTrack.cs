using Harmonie.Tracks;

namespace Harmonie.Engines.Playlists;

/// <summary>A catalog row and its unit embedding under the row's model; <see cref="Vector"/> is null when the track is not (yet) in that model's index.</summary>
public sealed record PlaylistTrack(TrackRecord Track, float[]? Vector);
