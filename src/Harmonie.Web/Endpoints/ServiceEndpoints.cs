using Harmonie.Catalog;
using Harmonie.Scanning;
using Harmonie.Web.Contracts;
using Harmonie.Web.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Harmonie.Web.Endpoints;

/// <summary><c>/health</c>, <c>/status</c>, <c>/scan</c> and the scan history.</summary>
public static class ServiceEndpoints
{
    public static void MapServiceEndpoints(this IEndpointRouteBuilder app, RouteGroupBuilder api)
    {
        app.MapGet("/health", () => new HealthResponse("ok"))
            .WithName("Health").WithTags("Service").WithSummary("Health")
            .WithDescription("Liveness probe; always public.");

        api.MapGet("/status", async (IGrainFactory grains, CancellationToken ct) =>
                StatusResponse.From(await grains.GetGrain<ICatalogGrain>(0).GetServiceStatusAsync(ct)))
            .WithName("GetStatus").WithTags("Service").WithSummary("Service status")
            .WithDescription("Service configuration and library counters.");

        api.MapGet("/scan", async (IGrainFactory grains) =>
                ScanStateResponse.From(await grains.GetGrain<IScanCoordinatorGrain>(0).GetStatusAsync()))
            .WithName("GetScan").WithTags("Service").WithSummary("Scan state")
            .WithDescription("Current scan state and counters.");

        api.MapPost("/scan", async (string? force, IGrainFactory grains) =>
                QueryValues.TryParseBool(force, false, out var forced)
                    ? Results.Ok(ScanStateResponse.From(await grains.GetGrain<IScanCoordinatorGrain>(0).StartAsync(forced)))
                    : ApiResults.Unprocessable($"force must be a boolean, got '{force}'"))
            .Produces<ScanStateResponse>()
            .ProducesErrors(StatusCodes.Status422UnprocessableEntity)
            .WithName("StartScan").WithTags("Service")
            .WithSummary("Start a scan")
            .WithDescription("Start a scan in the background; a no-op while one runs. force=true re-extracts every track.");

        api.MapDelete("/scan", async (IGrainFactory grains) =>
                Results.Ok(new { cancelled = await grains.GetGrain<IScanCoordinatorGrain>(0).CancelAsync() }))
            .AsContractExtension()
            .WithName("CancelScan").WithTags("Service").WithSummary("Cancel the scan")
            .WithDescription("Cancel the running scan (extension).");

        api.MapGet("/scans", async (int? limit, int? offset, IGrainFactory grains, CancellationToken ct) =>
            {
                if ((QueryValues.CheckRange("limit", limit, 1, 1000) ?? QueryValues.CheckRange("offset", offset, 0, int.MaxValue)) is { } error)
                {
                    return ApiResults.Unprocessable(error);
                }

                var page = await grains.GetGrain<ICatalogGrain>(0).ListScansAsync(limit ?? 10, offset ?? 0, ct);
                return Results.Ok(new PageResponse<ScanHistoryResponse>([.. page.Items.Select(ScanHistoryResponse.From)], page.Total, limit ?? 10, offset ?? 0));
            })
            .Produces<PageResponse<ScanHistoryResponse>>()
            .ProducesErrors(StatusCodes.Status422UnprocessableEntity)
            .AsContractExtension()
            .WithName("ListScans").WithTags("Service").WithSummary("Scan history")
            .WithDescription("Scan history, newest first (extension).");

        api.MapGet("/scans/{id}", async (string id, int? failures, IGrainFactory grains, CancellationToken ct) =>
            {
                if (!long.TryParse(id, out var scanId))
                {
                    return ApiResults.Unprocessable($"scan id must be an integer, got '{id}'");
                }

                var detail = await grains.GetGrain<ICatalogGrain>(0).GetScanAsync(scanId, Math.Clamp(failures ?? 10_000, 0, 10_000), ct);
                return detail is null
                    ? ApiResults.NotFound($"scan {scanId} not found")
                    : Results.Ok(new ScanDetailResponse(
                        ScanHistoryResponse.From(detail.Scan), [.. detail.Failures.Select(ScanFailureResponse.From)], detail.FailuresTotal));
            })
            .Produces<ScanDetailResponse>()
            .ProducesErrors(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity)
            .AsContractExtension()
            .WithName("GetScanHistory").WithTags("Service").WithSummary("One past scan")
            .WithDescription("One scan with its failures (extension).");
    }
}
