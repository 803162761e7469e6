namespace Harmonie.Web.OpenApi;

/// <summary>Endpoint metadata: query parameters the handler parses itself, so the generator cannot see them.</summary>
public sealed record DocumentedQueryParameters(IReadOnlyList<QueryParameterDoc> Parameters);
