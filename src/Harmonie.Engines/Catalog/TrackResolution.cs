using Harmonie.Tracks;

namespace Harmonie.Engines.Catalog;

/// <summary>
/// The resolution ladder of API.md, shared by every catalog: exact path, relative path, the
/// (artist, album, title) triple, then (title, artist) or (title, album). Unlike the original, the last
/// rung also runs when all three tags were given but the album differs. Empty strings count as absent;
/// each rung returns its smallest id.
/// </summary>
public static class TrackResolution
{
    public static async Task<TrackRecord?> ResolveAsync(
        TrackReference reference,
        Func<string, CancellationToken, Task<TrackRecord?>> findByPath,
        Func<ResolutionCriteria, CancellationToken, Task<TrackRecord?>> findSmallest,
        CancellationToken cancellationToken)
    {
        var path = Present(reference.Path);
        var artist = Present(reference.Artist);
        var album = Present(reference.Album);
        var title = Present(reference.Title);

        if (path is not null)
        {
            var match = await findByPath(path, cancellationToken).ConfigureAwait(false)
                        ?? await findSmallest(new ResolutionCriteria(RelativePath: path), cancellationToken).ConfigureAwait(false);
            if (match is not null)
            {
                return match;
            }
        }

        if (title is null)
        {
            return null;
        }

        if (artist is not null && album is not null &&
            await findSmallest(new ResolutionCriteria(Title: title, Artist: artist, Album: album), cancellationToken).ConfigureAwait(false) is { } triple)
        {
            return triple;
        }

        if (artist is not null &&
            await findSmallest(new ResolutionCriteria(Title: title, Artist: artist), cancellationToken).ConfigureAwait(false) is { } byArtist)
        {
            return byArtist;
        }

        return album is not null
            ? await findSmallest(new ResolutionCriteria(Title: title, Album: album), cancellationToken).ConfigureAwait(false)
            : null;
    }

    private static string? Present(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
