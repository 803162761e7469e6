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
        var answers = await Task.WhenAll(Shards(model).Select(s => s.SearchAsync(query, limit, filter, exclude, cancellationToken)));
        var merged = answers.SelectMany(a => a).OrderByDescending(m => m.Score).ThenBy(m => m.Track.Id).Take(limit).ToList();
        return new SimilarResult(true, merged);
    }

    public async Task<TrackPage> ListAsync(TrackListQuery query, TrackFilter filter, CancellationToken cancellationToken)
    {
        IReadOnlyList<string?> models = query.Model is { } model ? [model] : await ModelsAsync(cancellationToken);
        var top = query.Offset + query.Limit;
        var answers = await Task.WhenAll(models.SelectMany(Shards).Select(s => s.QueryAsync(filter, query.OrderBy, top, cancellationToken)));
        var items = answers.SelectMany(a => a.Top).Order(TrackListOrder.For(query.OrderBy)).Skip(query.Offset).Take(query.Limit).ToList();
        return new TrackPage(items, answers.Sum(a => a.Total));
    }

    public async Task<IReadOnlyList<GenreSummary>> GenresAsync(double styleMin, CancellationToken cancellationToken) =>
        (await StatisticsAsync(styleMin, cancellationToken)).ListGenres();

    public async Task<IReadOnlyList<StyleSummary>> StylesAsync(double styleMin, string? genre, CancellationToken cancellationToken) =>
        (await StatisticsAsync(styleMin, cancellationToken)).ListStyles(genre);

    private async Task<StyleStatistics> StatisticsAsync(double styleMin, CancellationToken cancellationToken)
    {
        var models = await ModelsAsync(cancellationToken);
        var tallies = await Task.WhenAll(models.SelectMany(Shards).Select(s => s.StyleTalliesAsync(styleMin, cancellationToken)));
        var statistics = new StyleStatistics(styleMin);
        statistics.Merge(tallies.SelectMany(t => t));
        return statistics;
    }

    /// <summary>The indexed vector of the query track, or its stored embedding while the index has not caught up.</summary>
    private async Task<float[]?> QueryVectorAsync(TrackRecord track, string model, CancellationToken cancellationToken)
    {
        var owner = GrainFactory.GetGrain<ISimilarityIndexGrain>(SimilarityIndexKey.ForTrack(model, track.Id, options.Value.Shards));
        var indexed = await owner.GetTracksAsync([track.Id], cancellationToken);
        if (indexed is [{ Vector: { } vector }])
        {
            return vector;
        }

        var embedding = await catalog.GetEmbeddingAsync(track.Id, cancellationToken);
        return embedding?.Model == model ? embedding.Vector : null;
    }

    /// <summary>Every model with tracks, plus the model-less shards when some tracks have no embedding.</summary>
    private async Task<IReadOnlyList<string?>> ModelsAsync(CancellationToken cancellationToken)
    {
        var stats = await catalog.GetStatsAsync(cancellationToken);
        var models = stats.ByModel.Keys.Cast<string?>().ToList();
        if (stats.Tracks > stats.ByModel.Values.Sum())
        {
            models.Add(null);
        }

        return models;
    }

    private IEnumerable<ISimilarityIndexGrain> Shards(string? model) =>
        Enumerable.Range(0, options.Value.Shards).Select(s => GrainFactory.GetGrain<ISimilarityIndexGrain>(SimilarityIndexKey.For(model, s)));
}
