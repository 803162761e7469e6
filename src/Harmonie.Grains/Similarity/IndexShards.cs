using Harmonie.Engines.Catalog;
using Harmonie.Similarity;

namespace Harmonie.Grains.Similarity;

/// <summary>Finds the index shard grains to fan a query out to.</summary>
public sealed class IndexShards(IGrainFactory grains, ICatalog catalog, SimilarityIndexOptions options)
{
    public IEnumerable<ISimilarityIndexGrain> Of(string? model) =>
        Enumerable.Range(0, options.Shards).Select(s => grains.GetGrain<ISimilarityIndexGrain>(SimilarityIndexKey.For(model, s)));

    public ISimilarityIndexGrain OfTrack(string? model, long trackId) =>
        grains.GetGrain<ISimilarityIndexGrain>(SimilarityIndexKey.ForTrack(model, trackId, options.Shards));

    /// <summary>The shards of every model with tracks, plus the model-less shards when some tracks have no embedding.</summary>
    public async Task<IReadOnlyList<ISimilarityIndexGrain>> AllAsync(CancellationToken cancellationToken)
    {
        var stats = await catalog.GetStatsAsync(cancellationToken);
        var models = stats.ByModel.Keys.Cast<string?>().ToList();
        if (stats.Tracks > stats.ByModel.Values.Sum())
        {
            models.Add(null);
        }

        return [.. models.SelectMany(Of)];
    }
}
