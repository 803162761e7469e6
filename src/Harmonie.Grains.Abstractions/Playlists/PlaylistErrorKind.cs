namespace Harmonie.Playlists;

/// <summary>How a playlist failure maps to HTTP.</summary>
public enum PlaylistErrorKind
{
    /// <summary>422: the request violates a domain rule (see <see cref="PlaylistRequestValidator"/>).</summary>
    Invalid,

    /// <summary>400: no seed resolved, or the seeds span several embedding models.</summary>
    BadRequest,

    /// <summary>404: an explicit seed id is not in the catalog.</summary>
    NotFound,
}
