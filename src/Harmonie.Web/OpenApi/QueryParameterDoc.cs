namespace Harmonie.Web.OpenApi;

/// <summary>A query parameter read from the raw query string (the filter language), documented by name.</summary>
public sealed record QueryParameterDoc(string Name, string Description, bool Repeatable = false);
