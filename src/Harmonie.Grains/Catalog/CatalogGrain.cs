using Harmonie.Analysis;
using Harmonie.Catalog;
using Harmonie.Engines.Analysis;
using Harmonie.Engines.Catalog;
using Harmonie.Engines.Library;
using Harmonie.Grains.Analysis;
using Harmonie.Grains.Scanning;
using Harmonie.Scanning;
using Harmonie.Tracks;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Harmonie.Grains.Catalog;

/// <summary>Answers read queries from the catalog on the local silo.</summary>
[StatelessWorker]
[Reentrant]
public sealed class CatalogGrain(ICatalog catalog, TrackAnalyzer analyzer, IOptions<ScanOptions> options, SiloAnalysisStatistics statistics)
    : Grain, ICatalogGrain
{
    public Task<TrackRecord?> GetTrackAsync(long id, CancellationToken cancellationToken) =>
        catalog.GetTrackAsync(id, cancellationToken);

    public Task<TrackPage> ListTracksAsync(TrackListQuery query, CancellationToken cancellationToken) =>
        catalog.ListTracksAsync(query, cancellationToken);

    public Task<TrackRecord?> ResolveAsync(TrackReference reference, CancellationToken cancellationToken) =>
        catalog.ResolveAsync(reference, cancellationToken);

    public async Task<ServiceStatus> GetServiceStatusAsync(CancellationToken cancellationToken)
    {
        var stats = await catalog.GetStatsAsync(cancellationToken);
        return new()
        {
            Version = HarmonieVersion.Current,
            EmbeddingDim = analyzer.EmbeddingDimension,
            EmbeddingModel = analyzer.ModelName,
            Libraries = options.Value.Libraries,
            Workers = options.Value.Workers,
            DescriptorVersion = AnalysisVersions.Descriptors,
            Stats = stats,
            Silo = RuntimeIdentity,
            SiloAnalyses = statistics.Completed,
            LibraryRoots = [.. options.Value.Libraries.Distinct(StringComparer.Ordinal).Select(root => new LibraryRootStatus(
                root,
                Directory.Exists(root) || File.Exists(root),
                stats.ByRoot.GetValueOrDefault(LibraryPaths.Resolve(root))))],
        };
    }

    public async Task<ScanHistoryPage> ListScansAsync(int limit, int offset, CancellationToken cancellationToken)
    {
        var (items, total) = await catalog.ListScansAsync(limit, offset, cancellationToken);
        return new ScanHistoryPage(items, total);
    }

    public async Task<ScanDetail?> GetScanAsync(long id, int failureLimit, CancellationToken cancellationToken)
    {
        if (await catalog.GetScanAsync(id, cancellationToken) is not { } scan)
        {
            return null;
        }

        var (failures, total) = await catalog.GetScanFailuresAsync(id, failureLimit, 0, cancellationToken);
        return new ScanDetail(scan, failures, total);
    }
}
