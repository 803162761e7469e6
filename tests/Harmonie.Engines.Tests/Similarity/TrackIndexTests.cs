using Harmonie.Engines.Filtering;
using Harmonie.Engines.Similarity;
using Harmonie.Engines.Tests.VectorIndex;
using Harmonie.Engines.VectorIndex;
using Harmonie.Filtering;
using Harmonie.Tracks;
using static Harmonie.Engines.Tests.Filtering.FilterFixtures;

namespace Harmonie.Engines.Tests.Similarity;

public sealed class TrackIndexTests
{
    private const int Dimension = 24;
    private static readonly string[] Labels = ["Rock---Punk", "Rock---Indie Rock", "Electronic---House", "Electronic---Techno", "Jazz---Swing"];

    [Fact]
    public void Filtered_search_returns_the_best_allowed_tracks_as_rows_change()
    {
        var random = new Random(5);
        var (index, tracks, vectors) = Build(random, new EmbeddingIndexOptions { ExactSearchMaxCount = 500 });
        using var disposeIndex = index;
        var filters = new[]
        {
            new TrackFilter { Genres = ["rock"] },
            new TrackFilter { Styles = ["house", "swing"], Bpm = new NumericRange(100, 130) },
            new TrackFilter { Genres = ["Rock", "Electronic"], StyleMode = StyleMatchMode.All, StyleMin = 0.3 },
            new TrackFilter { Bpm = new NumericRange(90, 95) },
        };
        AssertBestAllowed(index, tracks, vectors, filters);

        // Other styles and tempi for some tracks, others removed: the filter columns must follow.
        for (var id = 1L; id <= 3000; id += 7)
        {
            tracks[id] = RandomTrack(id, random);
            index.Upsert(tracks[id]);
        }

        for (var id = 3L; id <= 3000; id += 11)
        {
            tracks.Remove(id);
            index.Remove(id);
        }

        AssertBestAllowed(index, tracks, vectors, filters);
    }

    [Fact]
    public void Filtered_graph_walks_return_allowed_tracks_only_and_find_the_best_of_them()
    {
        // √(1 × 3000) ≈ 55: the filter below keeps more, so it walks the graph with the allowed-id bitset.
        var (index, tracks, vectors) = Build(new Random(9), new EmbeddingIndexOptions { ExactSearchMaxCount = 500, FilteredScanFactor = 1 });
        using var disposeIndex = index;

        var compiled = TrackFilterEvaluator.Compile(new TrackFilter { Styles = ["house", "swing"], Bpm = new NumericRange(100, 125) });
        var allowed = tracks.Values.Where(compiled.Matches).Select(t => t.Id).ToHashSet();
        Assert.InRange(allowed.Count, 100, 750);
        var hits = 0;
        for (var queryId = 1L; queryId <= 20; queryId++)
        {
            var query = Unit(Vector(vectors, queryId));
            var expected = allowed.Where(id => id != queryId)
                .OrderByDescending(id => Dot(query, Unit(Vector(vectors, id)))).ThenBy(id => id).Take(10).ToHashSet();

            var found = index.Search(Vector(vectors, queryId), 10, compiled, new HashSet<long> { queryId });

            Assert.Equal(10, found.Count);
            Assert.All(found, m => Assert.Contains(m.Track.Id, allowed));
            Assert.DoesNotContain(found, m => m.Track.Id == queryId);
            hits += found.Count(m => expected.Contains(m.Track.Id));
        }

        Assert.True(hits >= 190, $"recall@10 {hits / 200.0:F3} of filtered graph walks");
    }

    [Fact]
    public void Filtered_search_works_with_sparse_huge_ids()
    {
        using var index = new TrackIndex();
        index.Upsert(Styled(5_000_000_000_001, ("Rock---Punk", 0.8)), [1, 0, 0]);
        index.Upsert(Styled(7, ("Rock---Punk", 0.8)), [0.9f, 0.1f, 0]);
        index.Upsert(Styled(9_000_000_000_000, ("Jazz---Swing", 0.8)), [1, 0.01f, 0]);

        var rock = index.Search([1, 0, 0], 10, TrackFilterEvaluator.Compile(new TrackFilter { Genres = ["rock"] }), new HashSet<long>());

        Assert.Equal([5_000_000_000_001, 7], rock.Select(m => m.Track.Id));
    }

    [Fact]
    public void Style_tallies_follow_row_changes()
    {
        using var index = new TrackIndex();
        index.Upsert(Styled(1, ("Rock---Punk", 0.8)));
        Assert.Equal(["Rock---Punk"], index.StyleTallies(0).Select(t => t.Style));

        index.Upsert(Styled(2, ("Jazz---Swing", 0.6)));
        Assert.Equal(["Jazz---Swing", "Rock---Punk"], index.StyleTallies(0).Select(t => t.Style).Order());
        Assert.Equal(["Rock---Punk"], index.StyleTallies(0.7).Select(t => t.Style));

        index.Upsert(Styled(1, ("Rock---Indie Rock", 0.9)));
        index.Remove(2);
        Assert.Equal(["Rock---Indie Rock"], index.StyleTallies(0.7).Select(t => t.Style));
        Assert.Equal(["Rock---Indie Rock"], index.StyleTallies(0).Select(t => t.Style));
    }

    private static void AssertBestAllowed(TrackIndex index, Dictionary<long, TrackRecord> tracks, float[] vectors, TrackFilter[] filters)
    {
        foreach (var filter in filters)
        {
            var compiled = TrackFilterEvaluator.Compile(filter);
            var allowed = tracks.Values.Where(compiled.Matches).Select(t => t.Id).ToList();
            Assert.InRange(allowed.Count, 20, tracks.Count - 20);
            foreach (var queryId in allowed.Take(15).Append(tracks.Keys.Last()))
            {
                var query = Unit(Vector(vectors, queryId));
                var expected = allowed.Where(id => id != queryId)
                    .Select(id => (Id: id, Score: Dot(query, Unit(Vector(vectors, id)))))
                    .OrderByDescending(m => m.Score).ThenBy(m => m.Id).Take(10).Select(m => m.Id);

                var found = index.Search(Vector(vectors, queryId), 10, compiled, new HashSet<long> { queryId });

                Assert.Equal(expected, found.Select(m => m.Track.Id));
            }
        }
    }

    private static (TrackIndex Index, Dictionary<long, TrackRecord> Tracks, float[] Vectors) Build(Random random, EmbeddingIndexOptions options)
    {
        var vectors = ClusteredVectors.Generate(3000, Dimension, clusters: 12, noise: 0.4, seed: random.Next());
        var tracks = new Dictionary<long, TrackRecord>();
        var index = new TrackIndex(options);
        for (var id = 1L; id <= 3000; id++)
        {
            tracks[id] = RandomTrack(id, random);
            index.Upsert(tracks[id], Vector(vectors, id));
        }

        return (index, tracks, vectors);
    }

    private static TrackRecord RandomTrack(long id, Random random) => Track(
        id,
        bpm: Math.Round(80 + (random.NextDouble() * 60), 1),
        styles: [.. Labels.Where(_ => random.Next(3) == 0).Select(label => (label, Math.Round(0.05 + (random.NextDouble() * 0.9), 2)))]);

    private static float[] Vector(float[] vectors, long id) => vectors.AsSpan((int)(id - 1) * Dimension, Dimension).ToArray();

    private static double[] Unit(float[] vector)
    {
        var norm = Math.Sqrt(vector.Sum(v => (double)v * v));
        return [.. vector.Select(v => v / norm)];
    }

    private static double Dot(double[] a, double[] b) => a.Zip(b, (x, y) => x * y).Sum();
}
