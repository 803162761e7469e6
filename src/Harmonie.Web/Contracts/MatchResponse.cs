using Harmonie.Tracks;

namespace Harmonie.Web.Contracts;

/// <summary>A similar track or playlist item (API.md "MatchOut").</summary>
public sealed record MatchResponse
{
    public required long TrackId { get; init; }

    public required string Path { get; init; }

    public required double Score { get; init; }

    public string? LibraryRoot { get; init; }

    public string? RelativePath { get; init; }

    public string? Artist { get; init; }

    public string? Album { get; init; }

    public string? Title { get; init; }

    public int? TrackNumber { get; init; }

    public required IReadOnlyList<StyleResponse> Styles { get; init; }

    public static MatchResponse From(TrackRecord t, double score) => new()
    {
        TrackId = t.Id,
        Path = t.Path,
        Score = score,
        LibraryRoot = t.LibraryRoot,
        RelativePath = t.RelativePath,
        Artist = t.Tags.Artist,
        Album = t.Tags.Album,
        Title = t.Tags.Title,
        TrackNumber = t.Tags.TrackNumber,
        Styles = [.. t.Styles.Select(s => new StyleResponse(s.Style, s.Probability))],
    };
}
