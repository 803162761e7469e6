using Harmonie.Engines.Playlists;
using Harmonie.Playlists;
using Harmonie.Tracks;

namespace Harmonie.Engines.Tests.Playlists;

/// <summary>
/// A deliberately naive re-implementation of BEHAVIOUR.md §8, written from the spec text and sharing no code
/// with the engine except the random generator's primitives: full rankings recomputed at every step, lists
/// instead of indexes, the original's "pick a whole chunk, then truncate". Used to pin the engine's outputs on
/// fixtures too large to work out by hand. Seeds are explicit ids (already merged) and must be indexed.
/// </summary>
internal sealed class ReferencePlaylists
{
    private static readonly string[] MinorRing = ["Ab|G#", "Eb|D#", "Bb|A#", "F", "C", "G", "D", "A", "E", "B", "F#|Gb", "C#|Db"];
    private static readonly string[] MajorRing = ["B", "F#|Gb", "Db|C#", "Ab|G#", "Eb|D#", "Bb|A#", "F", "C", "G", "D", "A", "E"];

    private readonly List<(TrackRecord Track, double[]? Unit)> _rows;
    private readonly Func<TrackRecord, bool> _allowed;

    public ReferencePlaylists(IEnumerable<(TrackRecord Track, float[]? Vector)> rows, Func<TrackRecord, bool>? allowed = null)
    {
        _rows = rows.OrderBy(r => r.Track.Id).Select(r => (r.Track, r.Vector is null ? null : Unit(r.Vector))).ToList();
        _allowed = allowed ?? (_ => true);
    }

    public List<(long Id, double Score)> Similar(PlaylistRequest request, IReadOnlyList<long> seedIds, IReadOnlyList<double>? weights = null)
    {
        var rng = new PlaylistRandom(request.RngSeed!.Value);
        var seeds = seedIds.Select(Row).ToList();
        var centroid = Centroid(seeds, weights);
        var first = seeds[0].Track.Descriptors;
        var firstCode = Code(first.Key, first.Scale);
        bool Harmonic((TrackRecord Track, double[]? Unit) r) =>
            !request.SmoothTransitions.KeyCompatible || firstCode is null || Compatible(firstCode.Value, Code(r.Track.Descriptors.Key, r.Track.Descriptors.Scale));

        var pool = Ranking(seeds[0].Track.Model!, centroid)
            .Where(r => (request.IncludeSeeds || !seedIds.Contains(r.Track.Id)) && _allowed(r.Track) && Harmonic(r))
            .Take(6 * request.N)
            .ToList();
        var diversity = new NaiveDiversity(request.DedupeTitles, request.ArtistCooldown);
        if (!request.IncludeSeeds)
        {
            seeds.ForEach(s => diversity.Record(s.Track));
        }

        var seedBpms = seeds.Where(s => s.Track.Descriptors.Bpm is not null).Select(s => s.Track.Descriptors.Bpm!.Value).ToList();
        var prev = centroid;
        double? prevBpm = seedBpms.Count > 0 ? seedBpms[0] : null;
        var tolerance = request.SmoothTransitions.BpmTolerance;
        var result = new List<(long, double)>();
        while (result.Count < request.N)
        {
            var candidates = new List<(TrackRecord Track, double[]? Unit)>();
            var effective = new List<double>();
            foreach (var c in pool)
            {
                var bpm = c.Track.Descriptors.Bpm;
                if (tolerance is { } t && bpm is { } b &&
                    ((prevBpm is { } p && Math.Abs(b - p) > t) || (seedBpms.Count > 0 && seedBpms.All(s => Math.Abs(b - s) > 2 * t))))
                {
                    continue;
                }

                if (!diversity.Admits(c.Track))
                {
                    continue;
                }

                candidates.Add(c);
                effective.Add(Dot(c.Unit!, prev) - diversity.Penalty(c.Track));
            }

            if (Pick(effective, request.Variation, rng) is not { } index)
            {
                break;
            }

            var pick = candidates[index];
            pool.Remove(pick);
            diversity.Record(pick.Track);
            prev = pick.Unit!;
            prevBpm = pick.Track.Descriptors.Bpm;
            result.Add((pick.Track.Id, Dot(pick.Unit!, centroid)));
        }

        return result;
    }

    public List<(long Id, double Score)> Drift(PlaylistRequest request, IReadOnlyList<long> seedIds, IReadOnlyList<double>? weights = null)
    {
        var rng = new PlaylistRandom(request.RngSeed!.Value);
        var seeds = seedIds.Select(Row).ToList();
        var anchor = Centroid(seeds, weights);
        var visited = new HashSet<long>(seedIds);
        var diversity = new NaiveDiversity(request.DedupeTitles, request.ArtistCooldown);
        var result = new List<(long Id, double Score)>();
        foreach (var seed in seeds)
        {
            diversity.Record(seed.Track);
            if (request.IncludeSeeds)
            {
                result.Add((seed.Track.Id, 1.0));
            }
        }

        var d0 = seeds[0].Track.Descriptors;
        (double? Bpm, string? Key, string? Scale) baseline = (d0.Bpm, d0.Key, d0.Scale);
        while (result.Count < request.N)
        {
            var ranking = Ranking(seeds[0].Track.Model!, anchor).Where(r => !visited.Contains(r.Track.Id) && _allowed(r.Track)).ToList();
            var chunk = new List<(TrackRecord Track, double[]? Unit)>();
            var local = baseline;
            for (var k = 0; k < request.ChunkSize; k++)
            {
                var candidates = new List<(TrackRecord Track, double[]? Unit)>();
                var effective = new List<double>();
                foreach (var c in ranking)
                {
                    if (chunk.Contains(c) || !PassesTransition(request.SmoothTransitions, c.Track, local) || !diversity.Admits(c.Track))
                    {
                        continue;
                    }

                    candidates.Add(c);
                    effective.Add(Dot(c.Unit!, anchor) - diversity.Penalty(c.Track));
                }

                if (Pick(effective, request.Variation, rng) is not { } index)
                {
                    break;
                }

                var pick = candidates[index];
                chunk.Add(pick);
                diversity.Record(pick.Track);
                local = Update(local, pick.Track);
            }

            if (chunk.Count == 0)
            {
                break;
            }

            chunk = chunk.Take(request.N - result.Count).ToList();
            result.AddRange(chunk.Select(c => (c.Track.Id, Dot(c.Unit!, anchor))));
            visited.UnionWith(chunk.Select(c => c.Track.Id));
            anchor = chunk[^1].Unit!;
            baseline = Update(baseline, chunk[^1].Track);
        }

        return result;
    }

    public List<(long Id, double Score)> Vibe(PlaylistRequest request)
    {
        var rng = new PlaylistRandom(request.RngSeed!.Value);
        double Fitness(TrackRecord t)
        {
            var f = 0.0;
            if (request.Target.Bpm is { } bpm)
            {
                f += t.Descriptors.Bpm is { } b ? -Math.Abs(b - bpm) / 5 : -10;
            }

            if (request.Target.Danceability is { } dance)
            {
                f += t.Descriptors.Danceability is { } d ? -2 * Math.Abs(d - dance) : -1;
            }

            return f;
        }

        var pool = _rows.Select(r => r.Track).Where(_allowed).ToList();
        if (request.Target.Bpm is not null || request.Target.Danceability is not null)
        {
            pool = pool.OrderByDescending(Fitness).Take(Math.Max(5 * request.N, request.N)).ToList();
        }

        if (request.Shuffle)
        {
            for (var i = pool.Count - 1; i > 0; i--)
            {
                var j = rng.NextInt(i + 1);
                (pool[i], pool[j]) = (pool[j], pool[i]);
            }
        }

        var diversity = new NaiveDiversity(request.DedupeTitles, request.ArtistCooldown);
        var result = new List<(long, double)>();
        while (result.Count < request.N)
        {
            TrackRecord? best = null;
            var bestScore = 0.0;
            foreach (var t in pool.Where(diversity.Admits))
            {
                var e = Fitness(t) - diversity.Penalty(t);
                if (best is null || e > bestScore)
                {
                    (best, bestScore) = (t, e);
                }
            }

            if (best is null)
            {
                break;
            }

            pool.Remove(best);
            diversity.Record(best);
            result.Add((best.Id, Fitness(best)));
        }

        return result;
    }

    private static int? Pick(List<double> effective, double variation, PlaylistRandom rng)
    {
        if (effective.Count == 0)
        {
            return null;
        }

        var best = effective.Max();
        if (variation == 0)
        {
            return effective.IndexOf(best);
        }

        var band = 0.05 * Math.Sqrt(variation);
        var eligible = Enumerable.Range(0, effective.Count).Where(i => effective[i] >= best - band).ToList();
        if (eligible.Count == 1)
        {
            return eligible[0];
        }

        var cumulative = new List<double>();
        foreach (var i in eligible)
        {
            cumulative.Add((cumulative.Count == 0 ? 0 : cumulative[^1]) + Math.Exp((effective[i] - best) / band));
        }

        var x = rng.NextDouble() * cumulative[^1];
        var position = cumulative.FindIndex(c => c > x);
        return eligible[position < 0 ? eligible.Count - 1 : Math.Min(position, eligible.Count - 1)];
    }

    private static bool PassesTransition(SmoothTransitions smooth, TrackRecord t, (double? Bpm, string? Key, string? Scale) baseline)
    {
        var d = t.Descriptors;
        if (smooth.KeyCompatible)
        {
            if (string.IsNullOrEmpty(d.Key) || string.IsNullOrEmpty(d.Scale))
            {
                return false;
            }

            if (!string.IsNullOrEmpty(baseline.Key) && !string.IsNullOrEmpty(baseline.Scale))
            {
                var from = Code(baseline.Key, baseline.Scale);
                if (from is null || !Compatible(from.Value, Code(d.Key, d.Scale)))
                {
                    return false;
                }
            }
        }

        return !(smooth.BpmTolerance is { } tol && d.Bpm is { } b && baseline.Bpm is { } bb && Math.Abs(b - bb) > tol);
    }

    private static (double? Bpm, string? Key, string? Scale) Update((double? Bpm, string? Key, string? Scale) b, TrackRecord t) =>
        (t.Descriptors.Bpm ?? b.Bpm, t.Descriptors.Key ?? b.Key, t.Descriptors.Scale ?? b.Scale);

    private static (int Number, char Letter)? Code(string? key, string? scale)
    {
        var ring = scale?.ToLowerInvariant() switch { "minor" => MinorRing, "major" => MajorRing, _ => null };
        if (ring is null || key is null)
        {
            return null;
        }

        var index = Array.FindIndex(ring, entry => entry.Split('|').Contains(key));
        return index < 0 ? null : (index + 1, ring == MinorRing ? 'A' : 'B');
    }

    private static bool Compatible((int Number, char Letter) from, (int Number, char Letter)? to)
    {
        if (to is not { } t)
        {
            return false;
        }

        var step = ((t.Number - from.Number) % 12 + 12) % 12;
        return t.Letter == from.Letter ? step is 0 or 1 or 11 : step == 0;
    }

    private (TrackRecord Track, double[]? Unit) Row(long id) => _rows.Single(r => r.Track.Id == id);

    private IEnumerable<(TrackRecord Track, double[]? Unit)> Ranking(string model, double[] query) =>
        _rows.Where(r => r.Track.Model == model && r.Unit is not null)
            .OrderByDescending(r => Dot(r.Unit!, query))
            .ThenBy(r => r.Track.Id);

    private static double[] Centroid(List<(TrackRecord Track, double[]? Unit)> seeds, IReadOnlyList<double>? weights)
    {
        var w = weights ?? seeds.Select(_ => 1.0).ToList();
        var total = w.Sum();
        var mean = new double[seeds[0].Unit!.Length];
        for (var s = 0; s < seeds.Count; s++)
        {
            for (var i = 0; i < mean.Length; i++)
            {
                mean[i] += w[s] / total * seeds[s].Unit![i];
            }
        }

        var norm = Math.Sqrt(mean.Sum(x => x * x));
        return mean.Select(x => x / Math.Max(norm, 1e-12)).ToArray();
    }

    /// <summary>Normalised in float64 and stored as float32, like the index's rows.</summary>
    private static double[] Unit(float[] v)
    {
        var norm = Math.Sqrt(v.Sum(x => (double)x * x));
        return v.Select(x => (double)(float)(x / Math.Max(norm, 1e-12))).ToArray();
    }

    private static double Dot(double[] a, double[] b) => a.Zip(b, (x, y) => x * y).Sum();

    /// <summary>Diversity rules from the spec text: a pick log and a song set.</summary>
    private sealed class NaiveDiversity(bool dedupe, bool cooldown)
    {
        private readonly List<string?> _artists = [];
        private readonly HashSet<string> _songs = [];

        public bool Admits(TrackRecord t) => !dedupe || Song(t) is not { } song || !_songs.Contains(song);

        public double Penalty(TrackRecord t)
        {
            var artist = Norm(t.Tags.Artist);
            var last = artist is null ? -1 : _artists.LastIndexOf(artist);
            if (!cooldown || last < 0)
            {
                return 0;
            }

            var gap = _artists.Count - 1 - last;
            return gap < 3 ? 0.2 * (1 - gap / 3.0) : 0;
        }

        public void Record(TrackRecord t)
        {
            if (Song(t) is { } song)
            {
                _songs.Add(song);
            }

            _artists.Add(Norm(t.Tags.Artist));
        }

        private static string? Song(TrackRecord t) =>
            Norm(t.Tags.Artist) is { } a && Norm(t.Tags.Title) is { } title ? a + "\u0001" + title : null;

        private static string? Norm(string? s) => string.IsNullOrEmpty(s?.Trim()) ? null : s.Trim().ToLowerInvariant();
    }
}
