using Harmonie.Engines.Catalog;
using Harmonie.Engines.Filtering;
using Harmonie.Engines.Similarity;
using Harmonie.Filtering;
using Harmonie.Similarity;
using Harmonie.Tracks;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Harmonie.Grains.Similarity;

/// <summary>Fans a query out over the index shards of the relevant models and merges the answers.</summary>
[StatelessWorker]
[Reentrant]
public sealed class IndexQueryGrain(ICatalog catalog, IOptions<SimilarityIndexOptions> options) : Grain, IIndexQueryGrain
{
    private IndexShards? _shards;

    private IndexShards Shards => _shards ??= new IndexShards(GrainFactory, catalog, options.Value);

    public async Task<SimilarResult> SimilarAsync(long trackId, int limit, bool includeSelf, TrackFilter filter, CancellationToken cancellationToken)
    {
        if (await catalog.GetTrackAsync(trackId, cancellationToken) is not { } track)
        {
            return new SimilarResult(false, []);
        }

        if (track.Model is not { } model || await QueryVectorAsync(track, model, cancellationToken) is not { } query)
        {
            return new SimilarResult(true, []);
        }

        long[] exclude = includeSelf ? [] : [trackId];
        var answers = await Task.WhenAll(Shards.Of(model).Select(s => s.SearchAsync(query, limit, filter, exclude, cancellationToken)));
        var merged = answers.SelectMany(a => a).OrderByDescending(m => m.Score).ThenBy(m => m.Track.Id).Take(limit).ToList();
        return new SimilarResult(true, merged);
    }

    public async Task<TrackPage> ListAsync(TrackListQuery query, TrackFilter filter, CancellationToken cancellationToken)
    {
        var shards = query.Model is { } model ? [.. Shards.Of(model)] : await Shards.AllAsync(cancellationToken);
        var top = query.Offset + query.Limit;
        var answers = await Task.WhenAll(shards.Select(s => s.QueryAsync(filter, query.OrderBy, top, cancellationToken)));
        var items = answers.SelectMany(a => a.Top).Order(TrackListOrder.For(query.OrderBy)).Skip(query.Offset).Take(query.Limit).ToList();
        return new TrackPage(items, answers.Sum(a => a.Total));
    }

    public async Task<IReadOnlyList<GenreSummary>> GenresAsync(double styleMin, CancellationToken cancellationToken) =>
        (await StatisticsAsync(styleMin, cancellationToken)).ListGenres();

    public async Task<IReadOnlyList<StyleSummary>> StylesAsync(double styleMin, string? genre, CancellationToken cancellationToken) =>
        (await StatisticsAsync(styleMin, cancellationToken)).ListStyles(genre);

    private async Task<StyleStatistics> StatisticsAsync(double styleMin, CancellationToken cancellationToken)
    {
        var tallies = await Task.WhenAll((await Shards.AllAsync(cancellationToken)).Select(s => s.StyleTalliesAsync(styleMin, cancellationToken)));
        var statistics = new StyleStatistics(styleMin);
        statistics.Merge(tallies.SelectMany(t => t));
        return statistics;
    }

    /// <summary>The indexed vector of the query track, or its stored embedding while the index has not caught up.</summary>
    private async Task<float[]?> QueryVectorAsync(TrackRecord track, string model, CancellationToken cancellationToken)
    {
        var indexed = await Shards.OfTrack(model, track.Id).GetTracksAsync([track.Id], cancellationToken);
        if (indexed is [{ Vector: { } vector }])
        {
            return vector;
        }

        var embedding = await catalog.GetEmbeddingAsync(track.Id, cancellationToken);
        return embedding?.Model == model ? embedding.Vector : null;
    }
}
