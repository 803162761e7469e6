using Harmonie.Playlists;

namespace Harmonie.Web.Contracts;

/// <summary>API.md's playlist response plus <c>session_id</c> (the endless-radio extension).</summary>
public sealed record PlaylistResponse(IReadOnlyList<MatchResponse> Items, IReadOnlyList<UnresolvedSeedRefResponse> UnresolvedSeedRefs, string? SessionId)
{
    public static PlaylistResponse From(PlaylistResult result) => new(
        [.. result.Items.Select(i => MatchResponse.From(i.Track, i.Score))],
        [.. result.UnresolvedSeedRefs.Select(UnresolvedSeedRefResponse.From)],
        result.SessionId);
}
