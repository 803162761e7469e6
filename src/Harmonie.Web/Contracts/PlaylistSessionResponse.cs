using Harmonie.Playlists;

namespace Harmonie.Web.Contracts;

/// <summary>A playlist session so far (extension: <c>GET /api/v1/playlists/{session_id}</c>).</summary>
public sealed record PlaylistSessionResponse(
    string SessionId, string Mode, int N, int Batches, double CreatedAt, double LastUsedAt, IReadOnlyList<MatchResponse> Items)
{
    public static PlaylistSessionResponse From(PlaylistSessionView view) => new(
        view.SessionId,
        view.Request.Mode.ToString().ToLowerInvariant(),
        view.Request.N,
        view.Batches,
        view.CreatedAt,
        view.LastUsedAt,
        [.. view.Items.Select(i => MatchResponse.From(i.Track, i.Score))]);
}
