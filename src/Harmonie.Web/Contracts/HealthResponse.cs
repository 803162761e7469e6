namespace Harmonie.Web.Contracts;

public sealed record HealthResponse(string Status);
