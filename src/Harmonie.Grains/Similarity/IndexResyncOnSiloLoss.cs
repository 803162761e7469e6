using Harmonie.Engines.Catalog;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Harmonie.Grains.Similarity;

/// <summary>
/// Track change events travel through in-memory stream queues, which are lost with the silo that holds them.
/// When a silo of the cluster is declared dead, every index shard re-reads the catalog, so no analysed track stays
/// missing from the index.
/// </summary>
public sealed class IndexResyncOnSiloLoss(
    IClusterMembershipService membership,
    IGrainFactory grains,
    ICatalog catalog,
    IOptions<SimilarityIndexOptions> options,
    ILogger<IndexResyncOnSiloLoss> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var dead = new HashSet<SiloAddress>();
        var first = true;
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                var newlyDead = snapshot.Members.Values
                    .Where(m => m.Status == SiloStatus.Dead && dead.Add(m.SiloAddress))
                    .Select(m => m.SiloAddress)
                    .ToList();
                if (first)
                {
                    first = false; // Silos dead before this one started lost nothing this silo's shards had.
                    continue;
                }

                if (newlyDead.Count > 0)
                {
                    await ResyncAllAsync(newlyDead, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ResyncAllAsync(IReadOnlyList<SiloAddress> lost, CancellationToken cancellationToken)
    {
        try
        {
            var shards = await new IndexShards(grains, catalog, options.Value).AllAsync(cancellationToken);
            logger.LogWarning(
                "{Count} silo(s) left the cluster ({Silos}): resynchronising {Shards} index shard(s) with the catalog",
                lost.Count, string.Join(", ", lost), shards.Count);
            await Task.WhenAll(shards.Select(s => s.ResyncAsync(cancellationToken)));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Index shards could not resynchronise after the loss of a silo");
        }
    }
}
