using System.Globalization;
using Harmonie.Analysis;
using Harmonie.Engines.Embeddings;
using Harmonie.Engines.Import;
using Harmonie.Tracks;

namespace Harmonie.Bench;

/// <summary>
/// A deterministic synthetic library of analysed tracks under the Discogs-EffNet model: clustered embeddings
/// (gaussian style centres → sub-clusters → per-track noise, as real embeddings cluster by style and artist),
/// descriptors and 1–10 Discogs-400 style rows that follow the cluster (each centre has a home label, drawn
/// Zipf-like so a few styles are common and most are rare) and a tempo and danceability centre per cluster.
/// Track ids are 1 … size; row i depends only on (seed, i), so any part can be regenerated.
/// </summary>
public sealed class SyntheticCatalog
{
    public const string Model = "discogs-effnet-bs64-1";
    public const string LibraryRoot = "/synthetic/harmonie-bench";
    private const int SubClustersPerCentre = 8;
    private const double SubClusterSpread = 0.5;
    private const double TrackNoise = 0.35;
    private const double BaseTime = 1_790_000_000;
    private static readonly string[] Keys = ["A", "Bb", "B", "C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab"];

    private readonly IReadOnlyList<string> _labels = Discogs400Labels.Bundled;
    private readonly int[] _labelByPopularity;
    private readonly double[] _popularityCumulative;
    private readonly int[] _homeLabel;
    private readonly double[] _tempoCentre;
    private readonly double[] _danceCentre;
    private readonly float[] _centreVectors;

    public SyntheticCatalog(int size, int dimension, int centres, int seed)
    {
        Size = size;
        Dimension = dimension;
        Centres = centres;
        Seed = seed;
        var random = new Random(seed);
        _labelByPopularity = [.. Enumerable.Range(0, _labels.Count)];
        random.Shuffle(_labelByPopularity);

        // Zipf(s = 1) over the shuffled labels: the most common label is ≈ 15 % of clusters.
        _popularityCumulative = new double[_labels.Count];
        var total = 0.0;
        for (var rank = 0; rank < _labels.Count; rank++)
        {
            total += 1.0 / (rank + 1);
            _popularityCumulative[rank] = total;
        }

        for (var rank = 0; rank < _labels.Count; rank++)
        {
            _popularityCumulative[rank] /= total;
        }

        _homeLabel = new int[centres];
        _tempoCentre = new double[centres];
        _danceCentre = new double[centres];
        for (var c = 0; c < centres; c++)
        {
            _homeLabel[c] = PopularLabel(random);
            _tempoCentre[c] = 75 + (random.NextDouble() * 80);
            _danceCentre[c] = 0.8 + (random.NextDouble() * 1.8);
        }

        _centreVectors = new float[centres * dimension];
        for (var i = 0; i < _centreVectors.Length; i++)
        {
            _centreVectors[i] = (float)Gaussian(random);
        }
    }

    public int Size { get; }

    public int Dimension { get; }

    public int Centres { get; }

    public int Seed { get; }

    /// <summary>What a data directory built from this catalog records, so a later run can reuse it.</summary>
    public string Description => string.Create(
        CultureInfo.InvariantCulture, $"synthetic v1: {Size} tracks, {Dimension}-d, {Centres} centres × {SubClustersPerCentre}, seed {Seed}, model {Model}");

    /// <summary>The catalog row of track <paramref name="id"/> (1 … <see cref="Size"/>), without the embedding.</summary>
    public TrackRecord Row(long id) => Generate(id).Track;

    /// <summary>Every track with its embedding and style activations, in id order (vectors made in parallel batches).</summary>
    public IEnumerable<ImportedTrack> Tracks()
    {
        const int Batch = 2000;
        var buffer = new ImportedTrack[Batch];
        for (var start = 1; start <= Size; start += Batch)
        {
            var count = Math.Min(Batch, Size - start + 1);
            Parallel.For(0, count, i =>
            {
                var (track, centre, sub) = Generate(start + i);
                buffer[i] = new ImportedTrack
                {
                    Track = track,
                    Embedding = new TrackEmbedding(Model, Vector(start + i, centre, sub), Activations(track)),
                };
            });
            for (var i = 0; i < count; i++)
            {
                yield return buffer[i];
            }
        }
    }

    /// <summary>
    /// A "style + BPM range" filter keeping about <paramref name="fraction"/> of the tracks: the least common style
    /// carried by at least twice that share, cut to a tempo window around its median. Counted exactly.
    /// </summary>
    public SyntheticFilter FilterKeeping(double fraction)
    {
        var bpmsByStyle = new Dictionary<string, List<double>>(StringComparer.OrdinalIgnoreCase);
        for (var id = 1L; id <= Size; id++)
        {
            var track = Row(id);
            foreach (var style in track.Styles.Select(s => StyleName(s.Style)).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (!bpmsByStyle.TryGetValue(style, out var list))
                {
                    bpmsByStyle[style] = list = [];
                }

                list.Add(track.Descriptors.Bpm!.Value);
            }
        }

        var target = Math.Max(1, (int)Math.Round(fraction * Size));
        var (chosen, bpms) = bpmsByStyle
            .Where(kv => kv.Value.Count >= 2 * target)
            .OrderBy(kv => kv.Value.Count)
            .ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => (kv.Key, kv.Value))
            .FirstOrDefault();
        if (chosen is null)
        {
            throw new InvalidOperationException($"no style is carried by {2 * fraction:P0} of the tracks");
        }

        bpms.Sort();
        var from = (bpms.Count - target) / 2;
        var lower = bpms[from];
        var upper = bpms[from + target - 1];
        var kept = bpms.Count(b => b >= lower && b <= upper);
        return new SyntheticFilter(chosen, lower, upper, kept, bpms.Count, Size);
    }

    private static string StyleName(string label) => label[(label.IndexOf("---", StringComparison.Ordinal) + 3)..];

    private (TrackRecord Track, int Centre, int Sub) Generate(long id)
    {
        var random = new Random(unchecked((Seed * 1_000_003) + (int)id));
        var centre = random.Next(Centres);
        var sub = random.Next(SubClustersPerCentre);
        var album = random.Next(3);
        var styles = Styles(random, centre);
        var descriptors = new AudioDescriptors
        {
            Bpm = Math.Round(Math.Clamp(_tempoCentre[centre] + (6 * Gaussian(random)), 60, 200), 1),
            BpmConfidence = Math.Round(0.5 + (random.NextDouble() * 4.8), 2),
            Key = Keys[random.Next(Keys.Length)],
            Scale = random.Next(2) == 0 ? "major" : "minor",
            KeyStrength = Math.Round(0.3 + (random.NextDouble() * 0.65), 3),
            Loudness = Math.Round(-9 + (3 * Gaussian(random)), 2),
            Danceability = Math.Round(Math.Clamp(_danceCentre[centre] + (0.25 * Gaussian(random)), 0, 3), 3),
            OnsetRate = Math.Round(1 + (random.NextDouble() * 6), 2),
        };
        var artist = string.Create(CultureInfo.InvariantCulture, $"Artist {centre:D4}-{sub}");
        var albumName = string.Create(CultureInfo.InvariantCulture, $"Album {album}");
        var relative = string.Create(CultureInfo.InvariantCulture, $"{artist}/{albumName}/{id:D7}.flac");
        var track = new TrackRecord
        {
            Id = id,
            Path = $"{LibraryRoot}/{relative}",
            LibraryRoot = LibraryRoot,
            RelativePath = relative,
            Size = 3_000_000 + random.Next(9_000_000),
            Mtime = BaseTime - 1_000_000 + id,
            Duration = Math.Round(120 + (random.NextDouble() * 300), 2),
            DescriptorVersion = AnalysisVersions.Descriptors,
            Tags = new TrackTags { Artist = artist, Album = albumName, Title = string.Create(CultureInfo.InvariantCulture, $"Song {id:D7}"), TrackNumber = (int)(id % 20) + 1 },
            Descriptors = descriptors,
            Styles = styles,
            AnalyzedAt = BaseTime + (id / 1000.0),
        };
        return (track, centre, sub);
    }

    /// <summary>1–10 distinct rows, the cluster's home label first, then popular labels with falling probability.</summary>
    private StyleScore[] Styles(Random random, int centre)
    {
        var count = 1 + random.Next(10);
        var labels = new List<int> { _homeLabel[centre] };
        while (labels.Count < count)
        {
            var label = PopularLabel(random);
            if (!labels.Contains(label))
            {
                labels.Add(label);
            }
        }

        var probability = 0.35 + (random.NextDouble() * 0.55);
        var rows = new StyleScore[count];
        for (var i = 0; i < count; i++)
        {
            rows[i] = new StyleScore(_labels[labels[i]], Math.Round(probability, 4));
            probability *= 0.3 + (random.NextDouble() * 0.6);
        }

        return rows;
    }

    private int PopularLabel(Random random)
    {
        var rank = Array.BinarySearch(_popularityCumulative, random.NextDouble());
        return _labelByPopularity[Math.Min(rank < 0 ? ~rank : rank, _labels.Count - 1)];
    }

    private float[] Vector(long id, int centre, int sub)
    {
        var subRandom = new Random(unchecked((Seed * 7_368_787) + (centre * SubClustersPerCentre) + sub));
        var noise = new Random(unchecked((Seed * 2_750_159) + (int)id));
        var centreVector = _centreVectors.AsSpan(centre * Dimension, Dimension);
        var vector = new float[Dimension];
        for (var d = 0; d < Dimension; d++)
        {
            vector[d] = (float)(centreVector[d] + (SubClusterSpread * Gaussian(subRandom)) + (TrackNoise * Gaussian(noise)));
        }

        return vector;
    }

    /// <summary>The 400 style probabilities: the stored rows at their labels, a little noise elsewhere.</summary>
    private float[] Activations(TrackRecord track)
    {
        var random = new Random(unchecked((Seed * 15_485_863) + (int)track.Id));
        var activations = new float[_labels.Count];
        for (var i = 0; i < activations.Length; i++)
        {
            activations[i] = (float)(random.NextDouble() * 0.01);
        }

        foreach (var row in track.Styles)
        {
            activations[IndexOf(row.Style)] = (float)row.Probability;
        }

        return activations;
    }

    private int IndexOf(string label)
    {
        for (var i = 0; i < _labels.Count; i++)
        {
            if (_labels[i] == label)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"unknown label {label}");
    }

    private static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
