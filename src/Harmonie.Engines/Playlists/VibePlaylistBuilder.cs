using Harmonie.Playlists;
using Harmonie.Tracks;

namespace Harmonie.Engines.Playlists;

/// <summary>
/// Mode <c>vibe</c> (BEHAVIOUR.md §8.4): every track passing the filter (all models, id order), ranked by
/// fitness to the targets (stable, so ties keep id order) and cut to the best 5n when a target is set, shuffled
/// when asked, then picked greedily at variation 0 with dedupe and cooldown. The score is the raw fitness.
/// Unlike the original, the pool is not capped at 10 000 tracks. A session widens the cut to 5·(all requested
/// counts); newly admitted tracks are shuffled among themselves and queued after the rest of the pool.
/// </summary>
internal sealed class VibePlaylistBuilder : IPlaylistBuilder
{
    private const int PoolFactor = 5;

    private readonly TrackRecord[] _ranked;
    private readonly double[] _fitness;
    private readonly bool _hasTarget;
    private readonly bool _shuffle;
    private readonly PlaylistRandom _random;
    private readonly DiversityState _diversity;
    private readonly bool[] _done;
    private readonly List<int> _pool = [];
    private double[] _bestAhead = [];
    private int _admitted;
    private int _head;
    private int _requested;

    private VibePlaylistBuilder(
        TrackRecord[] ranked, double[] fitness, bool hasTarget, bool shuffle, PlaylistRandom random, DiversityState diversity)
    {
        _ranked = ranked;
        _fitness = fitness;
        _hasTarget = hasTarget;
        _shuffle = shuffle;
        _random = random;
        _diversity = diversity;
        _done = new bool[ranked.Length];
    }

    public static async Task<VibePlaylistBuilder> CreateAsync(
        PlaylistRequest request, IPlaylistTrackSource source, DiversityState diversity, PlaylistRandom random, CancellationToken cancellationToken)
    {
        var matching = await source.MatchingAsync(cancellationToken).ConfigureAwait(false);
        var byId = matching.OrderBy(t => t.Id).ToArray();
        var scored = byId.Select(t => (Track: t, Fitness: VibeFitness.Of(t, request.Target))).ToArray();
        var hasTarget = !request.Target.IsEmpty;
        if (hasTarget)
        {
            scored = [.. scored.OrderByDescending(s => s.Fitness)];
        }

        return new VibePlaylistBuilder(
            scored.Select(s => s.Track).ToArray(), scored.Select(s => s.Fitness).ToArray(), hasTarget, request.Shuffle, random, diversity);
    }

    public Task<IReadOnlyList<PlaylistItem>> NextAsync(int count, CancellationToken cancellationToken)
    {
        _requested += count;
        AdmitUpTo(_hasTarget ? (int)Math.Min(_ranked.Length, (long)PoolFactor * _requested) : _ranked.Length);
        var items = new List<PlaylistItem>(count);
        while (items.Count < count && PickNext() is { } index)
        {
            _done[index] = true;
            _diversity.Record(_ranked[index]);
            items.Add(new PlaylistItem(_ranked[index].Id, _fitness[index], _ranked[index]));
        }

        return Task.FromResult<IReadOnlyList<PlaylistItem>>(items);
    }

    private void AdmitUpTo(int size)
    {
        if (size <= _admitted)
        {
            return;
        }

        var admitted = Enumerable.Range(_admitted, size - _admitted).ToList();
        if (_shuffle)
        {
            _random.Shuffle(admitted);
        }

        _pool.AddRange(admitted);
        _admitted = size;

        // The best fitness at or after each pool position lets a pick stop scanning once nothing later can win.
        _bestAhead = new double[_pool.Count];
        var best = double.NegativeInfinity;
        for (var p = _pool.Count - 1; p >= 0; p--)
        {
            best = Math.Max(best, _fitness[_pool[p]]);
            _bestAhead[p] = best;
        }
    }

    /// <summary>The first pool entry with the strictly greatest fitness − cooldown among those dedupe admits.</summary>
    private int? PickNext()
    {
        while (_head < _pool.Count && _done[_pool[_head]])
        {
            _head++;
        }

        int? bestIndex = null;
        var best = double.NegativeInfinity;
        for (var p = _head; p < _pool.Count; p++)
        {
            if (bestIndex is not null && best >= _bestAhead[p])
            {
                break;
            }

            var index = _pool[p];
            if (_done[index])
            {
                continue;
            }

            var track = _ranked[index];
            if (!_diversity.Admits(track))
            {
                // Dedupe never relaxes, so this track can never be picked.
                _done[index] = true;
                continue;
            }

            var effective = _fitness[index] - _diversity.CooldownPenalty(track);
            if (effective > best)
            {
                best = effective;
                bestIndex = index;
            }
        }

        return bestIndex;
    }
}
