namespace Harmonie.Web.Contracts;

/// <summary>A complete listing and its length (<c>/genres</c>, <c>/styles</c>).</summary>
public sealed record ListResponse<T>(IReadOnlyList<T> Items, int Total);
