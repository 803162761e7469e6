using Harmonie.Engines.Playlists;
using Harmonie.Tracks;

namespace Harmonie.TestSupport;

/// <summary>
/// A deterministic 35-row library for playlist tests: four genre neighbourhoods in an 8-D embedding space
/// (techno around axis 0 leaning towards house on axis 1; house, ambient and rock around axes 1, 2 and 3, each
/// leaning towards techno, house the most; axes 4–7 spread tracks inside a neighbourhood), repeated artists
/// (one spelled with other case and spaces), one song present twice (album and compilation), tracks without
/// artist, title, BPM, key or danceability, one row of another model and one row that is not indexed.
/// </summary>
public static class PlaylistFixtureCatalog
{
    public const string Model = "effnet-fixture";
    public const string OtherModel = "dsp-fixture";
    public const int Dimension = 8;

    /// <summary>Techno "Kessler – Iron Lung" (album) and its compilation copy.</summary>
    public const long IronLung = 3;
    public const long IronLungCompilation = 32;
    public const long OtherModelTrack = 34;
    public const long NotIndexedTrack = 35;

    public static IReadOnlyList<long> Techno { get; } = [1, 2, 3, 4, 5, 6, 7, 8, 32, 33];
    public static IReadOnlyList<long> House { get; } = [9, 10, 11, 12, 13, 14, 15, 16];
    public static IReadOnlyList<long> Ambient { get; } = [17, 18, 19, 20, 21, 22, 23, 24];
    public static IReadOnlyList<long> Rock { get; } = [25, 26, 27, 28, 29, 30, 31];

    public static IReadOnlyList<(TrackRecord Track, float[]? Vector)> Rows { get; } = Build();

    public static TrackRecord Get(long id) => Rows.Single(r => r.Track.Id == id).Track;

    public static InMemoryPlaylistTrackSource Source(Func<TrackRecord, bool>? allowed = null) => new(Rows, allowed);

    private static List<(TrackRecord Track, float[]? Vector)> Build()
    {
        const string techno = "Electronic---Techno", house = "Electronic---House", ambient = "Electronic---Ambient", rock = "Rock---Indie Rock";
        var rows = new List<(TrackRecord, float[]?)>
        {
            (T(1, "Kessler", "Steel Pulse", 130, "A", "minor", 1.9, "Foundry", techno), Vec(1, 0, 0.10)),
            (T(2, "Kessler", "Night Shift", 132, "E", "minor", 2.1, "Foundry", techno), Vec(2, 0, 0.15)),
            (T(3, "Kessler", "Iron Lung", 128, "C", "major", 2.0, "Foundry", techno), Vec(3, 0, 0.05)),
            (T(4, "Vortex", "Spindle", 134, "D", "minor", 1.7, "Rotor", techno), Vec(4, 0, 0.20)),
            (T(5, "Vortex", "Cog", 136, null, null, 1.8, "Rotor", techno), Vec(5, 0, 0.25)),
            (T(6, "Nadia Ray", "Blue Static", 129, "F#", "major", 2.2, "Signals", techno), Vec(6, 0, 0.10)),
            (T(7, "Nadia Ray", "Relay", null, "A", "minor", null, "Signals", techno), Vec(7, 0, 0.30)),
            (T(8, "  KESSLER ", "Furnace", 131, "G", "major", 2.3, "Foundry II", techno), Vec(8, 0, 0.12)),
            (T(9, "Lumen", "Glow", 122, "A", "minor", 1.6, "Halo", house), Vec(9, 1, 0.35)),
            (T(10, "Lumen", "Warm Floor", 124, "C", "major", 1.9, "Halo", house), Vec(10, 1, 0.30)),
            (T(11, "Lumen", "Afterhours", 126, "D", "minor", 2.0, "Halo", house), Vec(11, 1, 0.45)),
            (T(12, "Dee Marlowe", "Intro", 120, "G", "major", 1.4, "Velvet", house), Vec(12, 1, 0.25)),
            (T(13, "Dee Marlowe", "Velvet Rope", 123, "E", "minor", 1.8, "Velvet", house), Vec(13, 1, 0.40)),
            (T(14, "lumen", "Sunday Club", 125, "Ab", "minor", 1.7, "Halo", house), Vec(14, 1, 0.50)),
            (T(15, null, "White Label", 127, "G#", "minor", 2.0, null, house), Vec(15, 1, 0.55)),
            (T(16, "Ocho", "Terraza", 121, "F", "major", 1.5, "Ocho", house), Vec(16, 1, 0.20)),
            (T(17, "Sola", "Drift Ice", 72, "D", "major", 0.6, "Polar", ambient), Vec(17, 2, 0.10)),
            (T(18, "Sola", "Long Night", null, null, null, 0.5, "Polar", ambient), Vec(18, 2, 0.05)),
            (T(19, "Sola", "Aurora", 80, "A", "major", 0.7, "Polar", ambient), Vec(19, 2, 0.20)),
            (T(20, "Sola", "Meltwater", 76, "B", "minor", null, "Polar", ambient), Vec(20, 2, 0.15)),
            (T(21, "Fjell", "Intro", 70, "E", "major", 0.4, "Fjord", ambient), Vec(21, 2, 0.10)),
            (T(22, "Fjell", "Moss", 88, "F#", "minor", 0.8, "Fjord", ambient), Vec(22, 2, 0.25)),
            (T(23, "Fjell", "Tideline", null, "C#", "minor", 0.6, "Fjord", ambient), Vec(23, 2, 0.30)),
            (T(24, "Fjell", null, 84, "B", "major", 0.9, "Fjord", ambient), Vec(24, 2, 0.35)),
            (T(25, "The Pylons", "Wires", 140, "E", "minor", 1.2, "Grid", rock), Vec(25, 3, 0.10)),
            (T(26, "The Pylons", "Static Bloom", 118, "A", "major", 1.1, "Grid", rock), Vec(26, 3, 0.20)),
            (T(27, "The Pylons", "Transformer", 150, "D", "major", 1.3, "Grid", rock), Vec(27, 3, 0.15)),
            (T(28, "The Pylons", "Brownout", 104, "G", "major", 1.0, "Grid", rock), Vec(28, 3, 0.25)),
            (T(29, "Greywater", "Harbour", 96, "B", "minor", 0.9, "Estuary", rock), Vec(29, 3, 0.05)),
            (T(30, "Greywater", "Undertow", 112, "F#", "minor", 1.0, "Estuary", rock), Vec(30, 3, 0.30)),
            (T(31, "Greywater", "Slipway", 100, "C#", "major", 1.1, "Estuary", rock), Vec(31, 3, 0.35)),
            (PlaylistFixtureTracks.Track(
                IronLungCompilation, " kessler", "IRON LUNG ", 128, "C", "major", 2.0, "Club Hits",
                "Compilations/Club Hits/05 Kessler - Iron Lung.flac", style: techno), Nudge(Vec(3, 0, 0.05))),
            (PlaylistFixtureTracks.Track(33, bpm: null, path: "Unsorted/track33.flac", style: techno), Vec(33, 0, 0.40)),
            (T(OtherModelTrack, "Kessler", "Rust", 130, "A", "minor", 2.0, "Other", techno) with { Model = OtherModel }, Vec(34, 0, 0.1)),
            (T(NotIndexedTrack, "Vortex", "Unindexed", 133, "A", "minor", 1.9, "Rotor", techno), null),
        };
        return rows;
    }

    private static TrackRecord T(
        long id, string? artist, string? title, double? bpm, string? key, string? scale, double? danceability, string? album, string style) =>
        PlaylistFixtureTracks.Track(id, artist, title, bpm, key, scale, danceability, album, style: style);

    /// <summary>Mostly along <paramref name="axis"/>, leaning by <paramref name="lean"/> towards techno (or house, for techno), spread on axes 4–7.</summary>
    private static float[] Vec(long id, int axis, double lean)
    {
        var vector = new float[Dimension];
        vector[axis] = 1f;
        vector[axis == 0 ? 1 : 0] = (float)(axis == 1 ? lean + 0.3 : lean);
        for (var j = 4; j < Dimension; j++)
        {
            vector[j] = (float)(0.3 * Math.Sin(id * (j + 1) * 0.7));
        }

        return vector;
    }

    private static float[] Nudge(float[] vector)
    {
        vector[7] += 0.01f;
        return vector;
    }
}
