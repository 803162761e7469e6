using Harmonie.Playlists;
using Harmonie.Tracks;

namespace Harmonie.Engines.Playlists;

/// <summary>
/// Mode <c>similar</c> (BEHAVIOUR.md §8.2): a greedy nearest-neighbour chain inside the top-6n neighbourhood of
/// the seeds' centroid. Each step scores the remaining pool against the previous pick (the centroid at first),
/// applies the BPM gate and dedupe, subtracts the cooldown and lets the picker choose; the reported score is
/// the cosine to the centroid. <c>key_compatible</c> is a static gate against the first seed's key.
/// A session continues the chain from its last pick with the pool widened to the top 6·(all requested counts).
/// </summary>
internal sealed class SimilarPlaylistBuilder : IPlaylistBuilder
{
    private const int PoolFactor = 6;

    private readonly IPlaylistTrackSource _source;
    private readonly PlaylistSeeds _seeds;
    private readonly DiversityState _diversity;
    private readonly PlaylistPicker _picker;
    private readonly IReadOnlySet<CamelotCode>? _harmonic;
    private readonly double? _bpmTolerance;
    private readonly double[] _seedBpms;
    private readonly IReadOnlySet<long> _exclude;
    private readonly HashSet<long> _picked = [];
    private List<RankedCandidate> _ranking = [];
    private bool _rankingComplete;
    private int _fetchLimit;
    private int _poolSize;
    private int _requested;
    private double[] _previous;
    private double? _previousBpm;

    public SimilarPlaylistBuilder(
        PlaylistRequest request, PlaylistSeeds seeds, IPlaylistTrackSource source, DiversityState diversity, PlaylistPicker picker)
    {
        _source = source;
        _seeds = seeds;
        _diversity = diversity;
        _picker = picker;
        _bpmTolerance = request.SmoothTransitions.BpmTolerance;
        _seedBpms = seeds.Tracks.Select(t => t.Descriptors.Bpm).OfType<double>().ToArray();
        var first = seeds.Tracks[0].Descriptors;
        _harmonic = request.SmoothTransitions.KeyCompatible && CamelotWheel.ToCode(first.Key, first.Scale) is { } code
            ? CamelotWheel.CompatibleCodes(code)
            : null;
        _exclude = request.IncludeSeeds ? new HashSet<long>() : seeds.Ids;
        if (!request.IncludeSeeds)
        {
            // Other files of a seed's song are deduped, and seed artists start in cooldown.
            foreach (var seed in seeds.Tracks)
            {
                diversity.Record(seed);
            }
        }

        _previous = seeds.Centroid;
        _previousBpm = _seedBpms.Length > 0 ? _seedBpms[0] : null;
    }

    public async Task<IReadOnlyList<PlaylistItem>> NextAsync(int count, CancellationToken cancellationToken)
    {
        _requested += count;
        await FillPoolAsync(PoolFactor * _requested, cancellationToken).ConfigureAwait(false);
        var items = new List<PlaylistItem>(count);
        var admissible = new List<RankedCandidate>();
        var effective = new List<double>();
        while (items.Count < count)
        {
            admissible.Clear();
            effective.Clear();
            for (var i = 0; i < _poolSize; i++)
            {
                var candidate = _ranking[i];
                if (!_picked.Contains(candidate.Id) && PassesBpmGate(candidate.Track) && _diversity.Admits(candidate.Track))
                {
                    admissible.Add(candidate);
                    effective.Add(UnitVectors.Dot(candidate.Vector, _previous) - _diversity.CooldownPenalty(candidate.Track));
                }
            }

            var outcome = _picker.Pick(effective);
            if (!outcome.Picked)
            {
                break;
            }

            var pick = admissible[outcome.Index];
            _picked.Add(pick.Id);
            _diversity.Record(pick.Track);
            _previous = UnitVectors.Widen(pick.Vector);
            _previousBpm = pick.Track.Descriptors.Bpm;
            items.Add(new PlaylistItem(pick.Id, pick.Score, pick.Track));
        }

        return items;
    }

    /// <summary>Makes the pool the first <paramref name="size"/> allowed tracks of the centroid ranking, fetching more while the harmonic gate thins it.</summary>
    private async Task FillPoolAsync(int size, CancellationToken cancellationToken)
    {
        while (_ranking.Count < size && !_rankingComplete)
        {
            var limit = Math.Max(size, 2 * _fetchLimit);
            var (ranked, complete) = await RankedCandidate.FetchAsync(
                _source, _seeds.Model, _seeds.Centroid, limit, _exclude, cancellationToken).ConfigureAwait(false);
            _ranking = _harmonic is null
                ? ranked
                : ranked.Where(c => CamelotWheel.IsIn(_harmonic, c.Track.Descriptors.Key, c.Track.Descriptors.Scale)).ToList();
            _rankingComplete = complete;
            _fetchLimit = limit;
        }

        _poolSize = Math.Min(size, _ranking.Count);
    }

    /// <summary>Lenient on a missing BPM; otherwise within t of the previous pick and within 2t of the nearest seed BPM.</summary>
    private bool PassesBpmGate(TrackRecord track)
    {
        if (_bpmTolerance is not { } tolerance || track.Descriptors.Bpm is not { } bpm)
        {
            return true;
        }

        if (_previousBpm is { } previous && Math.Abs(bpm - previous) > tolerance)
        {
            return false;
        }

        if (_seedBpms.Length == 0)
        {
            return true;
        }

        foreach (var seed in _seedBpms)
        {
            if (Math.Abs(bpm - seed) <= 2 * tolerance)
            {
                return true;
            }
        }

        return false;
    }
}
