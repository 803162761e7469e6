using Harmonie.Engines.Catalog;
using Harmonie.Grains.Similarity;
using Harmonie.Scanning;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Harmonie.Grains.Hosting;

/// <summary>
/// What every silo does when another is declared dead. Track change events travel through in-memory stream
/// queues, which are lost with the silo that holds them, so every index shard re-reads the catalog and no analysed
/// track stays missing from the index. And the scan coordinator is woken: if its silo was the dead one, its next
/// activation resumes the running scan at once instead of waiting for a client to ask about it.
/// </summary>
public sealed class SiloLossRecovery(
    IClusterMembershipService membership,
    ILocalSiloDetails localSilo,
    IGrainFactory grains,
    ICatalog catalog,
    IOptions<SimilarityIndexOptions> options,
    ILogger<SiloLossRecovery> logger) : BackgroundService
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
                    .Where(m => m.Status == SiloStatus.Dead && dead.Add(m.SiloAddress) && !IsThisSiloOrAnEarlierIncarnation(m.SiloAddress))
                    .Select(m => m.SiloAddress)
                    .ToList();
                if (first)
                {
                    first = false; // Silos dead before this one started lost nothing this silo's shards had.
                    continue;
                }

                if (newlyDead.Count > 0)
                {
                    await Task.WhenAll(ResyncAllAsync(newlyDead, stoppingToken), WakeScanCoordinatorAsync(stoppingToken));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    // This silo is listed as dead while it shuts down, and a restart on the same endpoint declares the previous
    // process dead after this one started: what that one lost was lost before this silo's shards read the catalog.
    private bool IsThisSiloOrAnEarlierIncarnation(SiloAddress silo) =>
        silo.Endpoint.Equals(localSilo.SiloAddress.Endpoint) && silo.Generation <= localSilo.SiloAddress.Generation;

    private async Task WakeScanCoordinatorAsync(CancellationToken cancellationToken)
    {
        // Calls can fail for a few seconds while the grain directory forgets the dead silo.
        for (var attempt = 1; attempt <= 10; attempt++)
        {
            try
            {
                await grains.GetGrain<IScanCoordinatorGrain>(0).GetStatusAsync();
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && attempt < 10)
            {
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("Could not reach the scan coordinator after the loss of a silo: {Error}", ex.Message);
            }
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
