namespace Harmonie.Web.Contracts;

/// <summary>One scan with its failures (extension: <c>GET /api/v1/scans/{id}</c>).</summary>
public sealed record ScanDetailResponse(ScanHistoryResponse Scan, IReadOnlyList<ScanFailureResponse> Failures, long FailuresTotal);
