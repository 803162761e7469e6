using Harmonie.Engines.Catalog;
using Harmonie.Engines.Playlists;
using Harmonie.Filtering;
using Harmonie.Grains.Similarity;
using Harmonie.Tracks;

namespace Harmonie.Grains.Playlists;

/// <summary>
/// The playlist engine's view of the library for one request: rows from the catalog, vectors and ranked
/// neighbours from the model's index shards (fanned out and merged by exact float64 score), and the request's
/// filter applied by the shards.
/// </summary>
internal sealed class IndexPlaylistTrackSource(IndexShards shards, ICatalog catalog, TrackFilter filter)
    : IPlaylistTrackSource
{
    public async Task<long?> ResolveAsync(TrackReference reference, CancellationToken cancellationToken) =>
        (await catalog.ResolveAsync(reference, cancellationToken))?.Id;

    public async Task<IReadOnlyList<PlaylistTrack>> GetTracksAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        var rows = await catalog.GetTracksAsync(ids, cancellationToken);
        var vectors = new Dictionary<long, float[]?>();
        foreach (var group in rows.Where(r => r.Model is not null).GroupBy(r => shards.OfTrack(r.Model, r.Id)))
        {
            foreach (var indexed in await group.Key.GetTracksAsync([.. group.Select(r => r.Id)], cancellationToken))
            {
                vectors[indexed.Track.Id] = indexed.Vector;
            }
        }

        return [.. rows.Select(r => new PlaylistTrack(r, vectors.GetValueOrDefault(r.Id)))];
    }

    public async Task<IReadOnlyList<PlaylistCandidate>> NearestAsync(
        string model, double[] query, int limit, IReadOnlySet<long> exclude, CancellationToken cancellationToken)
    {
        long[] excluded = [.. exclude];
        var answers = await Task.WhenAll(shards.Of(model).Select(s => s.NearestAsync(query, limit, filter, excluded, cancellationToken)));
        return [.. answers.SelectMany(a => a)
            .Where(t => t.Vector is not null)
            .Select(t => (Track: t, Score: UnitVectors.Dot(t.Vector!, query)))
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Track.Track.Id)
            .Take(limit)
            .Select(x => new PlaylistCandidate(x.Track.Track, x.Track.Vector!))];
    }

    public async Task<IReadOnlyList<TrackRecord>> MatchingAsync(CancellationToken cancellationToken)
    {
        var answers = await Task.WhenAll((await shards.AllAsync(cancellationToken)).Select(s => s.MatchingAsync(filter, cancellationToken)));
        return [.. answers.SelectMany(a => a).OrderBy(t => t.Id)];
    }

}
