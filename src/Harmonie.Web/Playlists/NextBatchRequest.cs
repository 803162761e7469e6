namespace Harmonie.Web.Playlists;

/// <summary>The body of <c>POST /playlists/{id}/next</c>; a null count means the session's own n.</summary>
public sealed record NextBatchRequest(int? Count);
