using Harmonie.Playlists;
using Harmonie.Tracks;

namespace Harmonie.Engines.Playlists;

/// <summary>
/// Vibe's closeness to the targets (BEHAVIOUR.md §8.4): 0, minus |bpm − target|/5 (10 when the BPM is missing),
/// minus 2·|danceability − target| (1 when missing). Higher is better; 0 without targets.
/// </summary>
public static class VibeFitness
{
    public const double MissingBpmPenalty = 10;
    public const double MissingDanceabilityPenalty = 1;

    public static double Of(TrackRecord track, VibeTarget target)
    {
        var fitness = 0.0;
        if (target.Bpm is { } bpm)
        {
            fitness -= track.Descriptors.Bpm is { } value ? Math.Abs(value - bpm) / 5 : MissingBpmPenalty;
        }

        if (target.Danceability is { } danceability)
        {
            fitness -= track.Descriptors.Danceability is { } value ? 2 * Math.Abs(value - danceability) : MissingDanceabilityPenalty;
        }

        return fitness;
    }
}
