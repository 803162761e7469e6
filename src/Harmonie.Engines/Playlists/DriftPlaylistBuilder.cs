using Harmonie.Playlists;
using Harmonie.Tracks;

namespace Harmonie.Engines.Playlists;

/// <summary>
/// Mode <c>drift</c> (BEHAVIOUR.md §8.3): chunks of <c>chunk_size</c> picks, each chunk ranked by cosine to its
/// anchor (the centroid, then the previous chunk's last pick) and gated against a tempo/key baseline that
/// follows the picks inside the chunk. Seeds are never candidates; with <c>include_seeds</c> they lead the
/// playlist at score 1.0. Candidates are fetched from the source in growing batches until the picker can
/// prove that no unfetched track would have changed its choice.
/// A session resumes an interrupted chunk, so consecutive batches concatenate to one longer drift.
/// </summary>
internal sealed class DriftPlaylistBuilder : IPlaylistBuilder
{
    private readonly IPlaylistTrackSource _source;
    private readonly PlaylistSeeds _seeds;
    private readonly DiversityState _diversity;
    private readonly PlaylistPicker _picker;
    private readonly PlaylistEngineOptions _options;
    private readonly int _chunkSize;
    private readonly bool _keyCompatible;
    private readonly double? _bpmTolerance;
    private readonly HashSet<long> _visited;
    private bool _seedsPending;
    private bool _exhausted;
    private double[] _anchor;
    private TransitionBaseline _baseline;

    // The chunk in progress (null between chunks).
    private List<RankedCandidate>? _chunk;
    private TransitionBaseline _chunkBaseline;
    private List<RankedCandidate> _candidates = [];
    private bool _candidatesComplete;
    private int _candidateLimit;

    public DriftPlaylistBuilder(
        PlaylistRequest request,
        PlaylistSeeds seeds,
        IPlaylistTrackSource source,
        DiversityState diversity,
        PlaylistPicker picker,
        PlaylistEngineOptions options)
    {
        _source = source;
        _seeds = seeds;
        _diversity = diversity;
        _picker = picker;
        _options = options;
        _chunkSize = request.ChunkSize;
        _keyCompatible = request.SmoothTransitions.KeyCompatible;
        _bpmTolerance = request.SmoothTransitions.BpmTolerance;
        _visited = [.. seeds.Ids];
        _seedsPending = request.IncludeSeeds;
        if (!request.IncludeSeeds)
        {
            foreach (var seed in seeds.Tracks)
            {
                diversity.Record(seed);
            }
        }

        _anchor = seeds.Centroid;
        _baseline = TransitionBaseline.Of(seeds.Tracks[0]);
    }

    public async Task<IReadOnlyList<PlaylistItem>> NextAsync(int count, CancellationToken cancellationToken)
    {
        var items = new List<PlaylistItem>(count);
        if (_seedsPending)
        {
            // Every seed, even beyond n, with no dedupe among them.
            foreach (var seed in _seeds.Tracks)
            {
                _diversity.Record(seed);
                items.Add(new PlaylistItem(seed.Id, 1.0, seed));
            }

            _seedsPending = false;
        }

        while (items.Count < count && !_exhausted)
        {
            if (_chunk is null)
            {
                await StartChunkAsync(cancellationToken).ConfigureAwait(false);
            }

            var pick = await PickAsync(cancellationToken).ConfigureAwait(false);
            if (pick is null)
            {
                if (_chunk!.Count == 0)
                {
                    _exhausted = true;
                }
                else
                {
                    EndChunk();
                }

                continue;
            }

            _diversity.Record(pick.Track);
            _chunkBaseline = _chunkBaseline.UpdatedBy(pick.Track);
            _chunk!.Add(pick);
            _visited.Add(pick.Id);
            items.Add(new PlaylistItem(pick.Id, pick.Score, pick.Track));
            if (_chunk.Count == _chunkSize)
            {
                EndChunk();
            }
        }

        return items;
    }

    private async Task StartChunkAsync(CancellationToken cancellationToken)
    {
        _chunk = [];
        _chunkBaseline = _baseline;
        _candidateLimit = Math.Max(1, _options.InitialCandidateCount);
        await FetchCandidatesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Re-anchors on the chunk's last pick; the running baseline takes that track's own values where it has them.</summary>
    private void EndChunk()
    {
        var last = _chunk![^1];
        _anchor = UnitVectors.Widen(last.Vector);
        _baseline = _baseline.UpdatedBy(last.Track);
        _chunk = null;
        _candidates = [];
    }

    private async Task FetchCandidatesAsync(CancellationToken cancellationToken) =>
        (_candidates, _candidatesComplete) = await RankedCandidate.FetchAsync(
            _source, _seeds.Model, _anchor, _candidateLimit, _visited, cancellationToken).ConfigureAwait(false);

    private async Task<RankedCandidate?> PickAsync(CancellationToken cancellationToken)
    {
        var admissible = new List<RankedCandidate>();
        var effective = new List<double>();
        while (true)
        {
            admissible.Clear();
            effective.Clear();
            var compatible = _keyCompatible ? CamelotWheel.CompatibleCodes(_chunkBaseline.Key, _chunkBaseline.Scale) : null;
            foreach (var candidate in _candidates)
            {
                if (!_visited.Contains(candidate.Id) && PassesTransitionGate(candidate.Track, compatible) && _diversity.Admits(candidate.Track))
                {
                    admissible.Add(candidate);
                    effective.Add(candidate.Score - _diversity.CooldownPenalty(candidate.Track));
                }
            }

            double? unseenBound = _candidatesComplete ? null : _candidates[^1].Score + _options.ScoreTolerance;
            var outcome = _picker.Pick(effective, unseenBound);
            if (!outcome.NeedsMoreCandidates)
            {
                return outcome.Picked ? admissible[outcome.Index] : null;
            }

            _candidateLimit = checked(_candidateLimit * 2);
            await FetchCandidatesAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Strict on a missing key when key_compatible; lenient on a missing BPM.</summary>
    private bool PassesTransitionGate(TrackRecord track, IReadOnlySet<CamelotCode>? compatible)
    {
        var descriptors = track.Descriptors;
        if (compatible is not null)
        {
            if (string.IsNullOrEmpty(descriptors.Key) || string.IsNullOrEmpty(descriptors.Scale))
            {
                return false;
            }

            if (!string.IsNullOrEmpty(_chunkBaseline.Key) && !string.IsNullOrEmpty(_chunkBaseline.Scale) &&
                !CamelotWheel.IsIn(compatible, descriptors.Key, descriptors.Scale))
            {
                return false;
            }
        }

        return _bpmTolerance is not { } tolerance || descriptors.Bpm is not { } bpm || _chunkBaseline.Bpm is not { } baseline ||
               Math.Abs(bpm - baseline) <= tolerance;
    }
}
