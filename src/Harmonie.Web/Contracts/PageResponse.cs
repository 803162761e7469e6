namespace Harmonie.Web.Contracts;

/// <summary>A page of a listing with the total before paging.</summary>
public sealed record PageResponse<T>(IReadOnlyList<T> Items, long Total, int Limit, int Offset);
