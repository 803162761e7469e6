namespace Harmonie.Web.Hosting;

/// <summary>HTTP settings: the API key and the CORS origins.</summary>
public sealed class HarmonieWebOptions
{
    /// <summary>When set (non-empty), every <c>/api/v1</c> request must carry it in <c>X-API-Key</c>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Allowed origins; empty disables CORS, <c>*</c> allows any.</summary>
    public IReadOnlyList<string> CorsOrigins { get; set; } = [];

    /// <summary>Version shown in the OpenAPI document.</summary>
    public string Version { get; set; } = "0.1.0";
}
