using Harmonie.Engines.Playlists;
using Harmonie.Tracks;

namespace Harmonie.TestSupport;

/// <summary>
/// A seeded synthetic library for playlist tests at a scale no one works out by hand: clustered random
/// embeddings, artists shared by several tracks, random BPM/key/scale (some missing) and some songs repeated
/// on a second path.
/// </summary>
public static class RandomPlaylistLibrary
{
    private static readonly string[] Keys = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"];

    public static IReadOnlyList<(TrackRecord Track, float[]? Vector)> Create(int count, int dimension = 16, int clusters = 8, long seed = 1)
    {
        var random = new PlaylistRandom(seed);
        var centres = Enumerable.Range(0, clusters).Select(_ => Gaussian(random, dimension, 1.0)).ToArray();
        var rows = new List<(TrackRecord, float[]?)>(count);
        for (var id = 1; id <= count; id++)
        {
            var cluster = random.NextInt(clusters);
            var vector = Gaussian(random, dimension, 0.6);
            for (var i = 0; i < dimension; i++)
            {
                vector[i] += centres[cluster][i];
            }

            var repeat = id > 10 && random.NextInt(25) == 0;
            var songOf = repeat ? random.NextInt(id - 1) + 1 : id;
            var artist = random.NextInt(20) == 0 ? null : $"Artist {songOf % (count / 6 + 1)}";
            var track = PlaylistFixtureTracks.Track(
                id,
                artist,
                $"Song {songOf}",
                bpm: random.NextInt(10) == 0 ? null : 90 + random.NextInt(60) + random.NextInt(2) * 0.5,
                key: random.NextInt(12) == 0 ? null : Keys[random.NextInt(12)],
                scale: random.NextInt(2) == 0 ? "minor" : "major",
                danceability: random.NextInt(3) * 0.5 + random.NextDouble(),
                path: $"lib/{id:D5}.flac");
            rows.Add((track, vector));
        }

        return rows;
    }

    private static float[] Gaussian(PlaylistRandom random, int dimension, double sigma)
    {
        var vector = new float[dimension];
        for (var i = 0; i < dimension; i++)
        {
            // Box–Muller.
            var u = 1.0 - random.NextDouble();
            var v = random.NextDouble();
            vector[i] = (float)(sigma * Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v));
        }

        return vector;
    }
}
