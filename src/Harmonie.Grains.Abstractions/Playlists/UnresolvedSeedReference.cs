namespace Harmonie.Playlists;

/// <summary>A seed reference that matched no track, echoed as sent.</summary>
[GenerateSerializer, Immutable, Alias("harmonie.UnresolvedSeedReference")]
public sealed record UnresolvedSeedReference(
    [property: Id(0)] SeedReference Reference,
    [property: Id(1)] string Reason)
{
    /// <summary>The only reason the original reports.</summary>
    public const string NoMatch = "no_match";
}
