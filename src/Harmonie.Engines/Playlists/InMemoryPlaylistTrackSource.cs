using Harmonie.Engines.Catalog;
using Harmonie.Tracks;

namespace Harmonie.Engines.Playlists;

/// <summary>
/// An exact, brute-force <see cref="IPlaylistTrackSource"/> over rows held in memory, for tests and small
/// libraries. Like the original's index, each model's dimension is fixed by its lowest-id row; rows of another
/// dimension (or without a vector) are catalog-only and never ranked.
/// </summary>
public sealed class InMemoryPlaylistTrackSource : IPlaylistTrackSource
{
    private readonly IReadOnlyList<TrackRecord> _rows;
    private readonly IReadOnlyDictionary<long, IndexedRow> _byId;
    private readonly IReadOnlyDictionary<string, IndexedRow[]> _byModel;
    private readonly Func<TrackRecord, bool>? _allowed;

    /// <param name="tracks">Catalog rows with their raw embeddings (normalised here); a null vector means "not indexed".</param>
    /// <param name="allowed">The request filter's effect; null = no filter.</param>
    public InMemoryPlaylistTrackSource(IEnumerable<(TrackRecord Track, float[]? Vector)> tracks, Func<TrackRecord, bool>? allowed = null)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        var rows = tracks.OrderBy(t => t.Track.Id).ToList();
        var byId = new Dictionary<long, IndexedRow>();
        var dimensions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (track, vector) in rows)
        {
            float[]? unit = null;
            if (vector is not null && track.Model is { } model)
            {
                // The model's first row fixes its dimension; later rows of another size are silently skipped.
                var dimension = dimensions.TryGetValue(model, out var known) ? known : dimensions[model] = vector.Length;
                unit = vector.Length == dimension ? UnitVectors.Normalise(vector) : null;
            }

            if (!byId.TryAdd(track.Id, new IndexedRow(track, unit)))
            {
                throw new ArgumentException($"Track id {track.Id} appears twice.", nameof(tracks));
            }
        }

        _rows = rows.Select(r => r.Track).ToList();
        _byId = byId;
        _byModel = byId.Values
            .Where(r => r.Unit is not null)
            .GroupBy(r => r.Track.Model!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.Track.Id).ToArray(), StringComparer.Ordinal);
        _allowed = allowed;
    }

    private InMemoryPlaylistTrackSource(InMemoryPlaylistTrackSource library, Func<TrackRecord, bool>? allowed)
    {
        _rows = library._rows;
        _byId = library._byId;
        _byModel = library._byModel;
        _allowed = allowed;
    }

    /// <summary>The same rows under another request's filter (the normalised vectors are shared).</summary>
    public InMemoryPlaylistTrackSource WithFilter(Func<TrackRecord, bool>? allowed) => new(this, allowed);

    public async Task<long?> ResolveAsync(TrackReference reference, CancellationToken cancellationToken)
    {
        var match = await TrackResolution.ResolveAsync(
                reference,
                (path, _) => Task.FromResult(_rows.FirstOrDefault(r => r.Path == path)),
                (criteria, _) => Task.FromResult(_rows.FirstOrDefault(r => Matches(r, criteria))),
                cancellationToken)
            .ConfigureAwait(false);
        return match?.Id;
    }

    public Task<IReadOnlyList<PlaylistTrack>> GetTracksAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        IReadOnlyList<PlaylistTrack> found = ids.Distinct()
            .Where(_byId.ContainsKey)
            .Select(id => new PlaylistTrack(_byId[id].Track, _byId[id].Unit))
            .ToList();
        return Task.FromResult(found);
    }

    public Task<IReadOnlyList<PlaylistCandidate>> NearestAsync(
        string model, double[] query, int limit, IReadOnlySet<long> exclude, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        if (!_byModel.TryGetValue(model, out var rows))
        {
            return Task.FromResult<IReadOnlyList<PlaylistCandidate>>([]);
        }

        if (query.Length != rows[0].Unit!.Length)
        {
            throw new ArgumentException($"Query dimension {query.Length} does not match the index dimension {rows[0].Unit!.Length}.", nameof(query));
        }

        var scored = new List<(double Score, IndexedRow Row)>(rows.Length);
        foreach (var row in rows)
        {
            if (!exclude.Contains(row.Track.Id) && (_allowed?.Invoke(row.Track) ?? true))
            {
                scored.Add((UnitVectors.Dot(row.Unit!, query), row));
            }
        }

        scored.Sort(static (a, b) => b.Score.CompareTo(a.Score) is var order and not 0 ? order : a.Row.Track.Id.CompareTo(b.Row.Track.Id));
        IReadOnlyList<PlaylistCandidate> nearest = scored
            .Take(limit)
            .Select(s => new PlaylistCandidate(s.Row.Track, s.Row.Unit!))
            .ToList();
        return Task.FromResult(nearest);
    }

    public Task<IReadOnlyList<TrackRecord>> MatchingAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<TrackRecord> matching = _allowed is null ? _rows : _rows.Where(_allowed).ToList();
        return Task.FromResult(matching);
    }

    private static bool Matches(TrackRecord row, ResolutionCriteria criteria) =>
        criteria.RelativePath is not null
            ? row.RelativePath == criteria.RelativePath
            : SameFolded(row.Tags.Title, criteria.Title) &&
              (criteria.Artist is null || SameFolded(row.Tags.Artist, criteria.Artist)) &&
              (criteria.Album is null || SameFolded(row.Tags.Album, criteria.Album));

    // The same case folding as the LiteDB catalog's resolution indexes.
    private static bool SameFolded(string? stored, string? wanted) =>
        stored is not null && wanted is not null && stored.ToLowerInvariant() == wanted.ToLowerInvariant();

    private sealed record IndexedRow(TrackRecord Track, float[]? Unit);
}
