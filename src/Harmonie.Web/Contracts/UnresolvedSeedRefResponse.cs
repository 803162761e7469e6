using Harmonie.Playlists;

namespace Harmonie.Web.Contracts;

/// <summary>A seed reference that matched nothing, echoed with all five fields.</summary>
public sealed record UnresolvedSeedRefResponse(SeedRefEcho Ref, string Reason)
{
    public static UnresolvedSeedRefResponse From(UnresolvedSeedReference u) => new(
        new SeedRefEcho(u.Reference.Reference.Path, u.Reference.Reference.Artist, u.Reference.Reference.Album, u.Reference.Reference.Title, u.Reference.Weight),
        u.Reason);
}
