namespace Harmonie.Web.Contracts;

/// <summary>A configured library root in <c>/status</c> (extension): a typo'd or unmounted folder shows as unreachable.</summary>
public sealed record LibraryRootResponse(string Path, bool Reachable, long Tracks);
