namespace Harmonie.Web.Contracts;

public sealed record SeedRefEcho(string? Path, string? Artist, string? Album, string? Title, double? Weight);
