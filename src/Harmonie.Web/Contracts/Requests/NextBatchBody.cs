using System.ComponentModel;

namespace Harmonie.Web.Contracts.Requests;

/// <summary>The optional body of <c>POST /api/v1/playlists/{session_id}/next</c>.</summary>
public sealed record NextBatchBody
{
    [Description("Tracks to return, 1-500; default: the session's n.")]
    public int? N { get; init; }
}
