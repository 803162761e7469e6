namespace Harmonie.Web.Contracts;

/// <summary>The body of every error: <c>{"detail": "..."}</c>.</summary>
public sealed record ErrorResponse(string Detail);
