using Harmonie.Engines.Catalog;
using Harmonie.Web.Contracts;

namespace Harmonie.Silo.Cli;

/// <summary>Reads the scan history straight from the catalog, in the shapes the HTTP API returns.</summary>
public static class ScanHistoryReader
{
    public const int FailureLimit = 10_000;

    public static async Task<PageResponse<ScanHistoryResponse>> ReadPageAsync(ICatalog catalog, int limit, CancellationToken ct)
    {
        var (items, total) = await catalog.ListScansAsync(limit, 0, ct);
        return new PageResponse<ScanHistoryResponse>([.. items.Select(ScanHistoryResponse.From)], total, limit, 0);
    }

    public static async Task<ScanDetailResponse?> ReadDetailAsync(ICatalog catalog, long id, CancellationToken ct)
    {
        if (await catalog.GetScanAsync(id, ct) is not { } scan)
        {
            return null;
        }

        var (failures, total) = await catalog.GetScanFailuresAsync(id, FailureLimit, 0, ct);
        return new ScanDetailResponse(ScanHistoryResponse.From(scan), [.. failures.Select(ScanFailureResponse.From)], total);
    }
}
