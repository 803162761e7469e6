using Harmonie.Tracks;

namespace Harmonie.Engines.Playlists;

/// <summary>
/// Per-playlist memory of what was picked (BEHAVIOUR.md §8.1): the (artist, title) songs already used, which
/// make a later file of the same song inadmissible, and each artist's last pick, which costs a soft cooldown
/// penalty of 0.2·(1 − gap/3) for the next three picks. Artist and title compare trimmed and Unicode lower-cased;
/// a track's tags are normalised once per track id.
/// </summary>
public sealed class DiversityState
{
    public const int CooldownWidth = 3;
    public const double CooldownStrength = 0.2;

    private readonly HashSet<(string Artist, string Title)> _songs = [];
    private readonly Dictionary<string, int> _lastPickOfArtist = new(StringComparer.Ordinal);

    // Normalised tags by track id: pickers ask about the same candidates at every step.
    private readonly Dictionary<long, (string? Artist, (string, string)? Song)> _keys = [];

    public DiversityState(bool dedupeTitles, bool artistCooldown)
    {
        DedupeTitles = dedupeTitles;
        ArtistCooldown = artistCooldown;
    }

    public bool DedupeTitles { get; private set; }

    public bool ArtistCooldown { get; }

    /// <summary>Picks recorded so far, tagged or not.</summary>
    public int PickCount { get; private set; }

    /// <summary>False when title dedupe is on and the track's song was already recorded; tracks missing artist or title always pass.</summary>
    public bool Admits(TrackRecord track) =>
        !DedupeTitles || Keys(track).Song is not { } key || !_songs.Contains(key);

    /// <summary>The cooldown penalty for the track's artist: 0.2, 0.1333…, 0.0667… for gaps 0, 1, 2, then 0.</summary>
    public double CooldownPenalty(TrackRecord track)
    {
        if (!ArtistCooldown || Keys(track).Artist is not { } artist || !_lastPickOfArtist.TryGetValue(artist, out var last))
        {
            return 0;
        }

        var gap = PickCount - last - 1;
        return gap < CooldownWidth ? CooldownStrength * (1 - (double)gap / CooldownWidth) : 0;
    }

    public void Record(TrackRecord track)
    {
        var (artist, song) = Keys(track);
        if (song is { } key)
        {
            _songs.Add(key);
        }

        if (artist is not null)
        {
            _lastPickOfArtist[artist] = PickCount;
        }

        PickCount++;
    }

    /// <summary>Turns song dedupe on from now on (sessions never repeat a song after their first batch); songs recorded earlier count.</summary>
    public void EnableTitleDedupe() => DedupeTitles = true;

    /// <summary>The dedupe key: normalised (artist, title) when both are non-empty.</summary>
    public static (string Artist, string Title)? SongKey(TrackRecord track) =>
        Normalise(track.Tags.Artist) is { } artist && Normalise(track.Tags.Title) is { } title ? (artist, title) : null;

    private (string? Artist, (string, string)? Song) Keys(TrackRecord track)
    {
        if (!_keys.TryGetValue(track.Id, out var keys))
        {
            keys = (Normalise(track.Tags.Artist), SongKey(track));
            _keys[track.Id] = keys;
        }

        return keys;
    }

    /// <summary>Trim, then Unicode lower-case; null when nothing is left.</summary>
    public static string? Normalise(string? value) =>
        value?.Trim().ToLowerInvariant() is { Length: > 0 } normalised ? normalised : null;
}
