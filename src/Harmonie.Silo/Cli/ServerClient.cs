using System.Net.Http.Json;
using System.Text.Json;
using Harmonie.Silo.Configuration;
using Harmonie.Web.Contracts;

namespace Harmonie.Silo.Cli;

/// <summary>Talks to the server that owns the data directory, so CLI commands never write its catalog behind its back.</summary>
public sealed class ServerClient : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    private readonly HttpClient _http;

    public ServerClient(string baseUrl, HarmonieSettings settings)
    {
        _http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        if (settings.ApiKey is not null)
        {
            _http.DefaultRequestHeaders.Add("X-API-Key", settings.ApiKey);
        }
    }

    public Task<ScanStateResponse> GetScanAsync(CancellationToken ct) => GetAsync<ScanStateResponse>("api/v1/scan", ct);

    public async Task<ScanStateResponse> StartScanAsync(bool force, CancellationToken ct)
    {
        using var response = await _http.PostAsync($"api/v1/scan?force={(force ? "true" : "false")}", null, ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ScanStateResponse>(Json, ct))!;
    }

    public async Task CancelScanAsync(CancellationToken ct)
    {
        using var response = await _http.DeleteAsync("api/v1/scan", ct);
        response.EnsureSuccessStatusCode();
    }

    public Task<StatusResponse> GetStatusAsync(CancellationToken ct) => GetAsync<StatusResponse>("api/v1/status", ct);

    public Task<PageResponse<ScanHistoryResponse>> ListScansAsync(int limit, CancellationToken ct) =>
        GetAsync<PageResponse<ScanHistoryResponse>>($"api/v1/scans?limit={limit}", ct);

    public async Task<ScanDetailResponse?> GetScanDetailAsync(long id, CancellationToken ct)
    {
        using var response = await _http.GetAsync($"api/v1/scans/{id}", ct);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<ScanDetailResponse>(Json, ct);
    }

    public void Dispose() => _http.Dispose();

    private async Task<T> GetAsync<T>(string path, CancellationToken ct) =>
        (await _http.GetFromJsonAsync<T>(path, Json, ct)) ?? throw new InvalidOperationException($"empty response from {path}");
}
