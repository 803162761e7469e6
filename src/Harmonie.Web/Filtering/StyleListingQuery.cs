namespace Harmonie.Web.Filtering;

/// <summary>The parameters of <c>/genres</c> and <c>/styles</c>: the row threshold and, for styles, an optional genre scope.</summary>
public sealed record StyleListingQuery(double StyleMin, string? Genre);
