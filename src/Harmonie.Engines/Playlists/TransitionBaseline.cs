using Harmonie.Tracks;

namespace Harmonie.Engines.Playlists;

/// <summary>Drift's reference for the transition gate: the tempo and key the next pick must fit.</summary>
internal readonly record struct TransitionBaseline(double? Bpm, string? Key, string? Scale)
{
    public static TransitionBaseline Of(TrackRecord track) =>
        new(track.Descriptors.Bpm, track.Descriptors.Key, track.Descriptors.Scale);

    /// <summary>Takes the track's BPM, key and scale where it has them and keeps the current value otherwise.</summary>
    public TransitionBaseline UpdatedBy(TrackRecord track) => new(
        track.Descriptors.Bpm ?? Bpm,
        track.Descriptors.Key ?? Key,
        track.Descriptors.Scale ?? Scale);
}
