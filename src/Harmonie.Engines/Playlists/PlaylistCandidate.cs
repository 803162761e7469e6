using Harmonie.Tracks;

namespace Harmonie.Engines.Playlists;

/// <summary>A nearest-neighbour hit: the catalog row and its unit embedding (float32, L2-normalised with the 1e-12 floor).</summary>
public sealed record PlaylistCandidate(TrackRecord Track, float[] Vector);
