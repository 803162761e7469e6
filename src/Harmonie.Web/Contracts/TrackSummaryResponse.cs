using System.Diagnostics.CodeAnalysis;
using Harmonie.Tracks;

namespace Harmonie.Web.Contracts;

/// <summary>A track in list views (API.md "List tracks").</summary>
public record TrackSummaryResponse
{
    public required long Id { get; init; }

    public required string Path { get; init; }

    public string? LibraryRoot { get; init; }

    public string? RelativePath { get; init; }

    public required double Duration { get; init; }

    public string? Model { get; init; }

    public string? Artist { get; init; }

    public string? Album { get; init; }

    public string? Title { get; init; }

    public int? TrackNumber { get; init; }

    public double? Bpm { get; init; }

    public string? Key { get; init; }

    public string? Scale { get; init; }

    public double? Danceability { get; init; }

    public double? Loudness { get; init; }

    public required IReadOnlyList<StyleResponse> Styles { get; init; }

    public static TrackSummaryResponse From(TrackRecord track) => new(track);

    [SetsRequiredMembers]
    protected TrackSummaryResponse(TrackRecord t)
    {
        Id = t.Id;
        Path = t.Path;
        LibraryRoot = t.LibraryRoot;
        RelativePath = t.RelativePath;
        Duration = t.Duration;
        Model = t.Model;
        Artist = t.Tags.Artist;
        Album = t.Tags.Album;
        Title = t.Tags.Title;
        TrackNumber = t.Tags.TrackNumber;
        Bpm = t.Descriptors.Bpm;
        Key = t.Descriptors.Key;
        Scale = t.Descriptors.Scale;
        Danceability = t.Descriptors.Danceability;
        Loudness = t.Descriptors.Loudness;
        Styles = [.. t.Styles.Select(s => new StyleResponse(s.Style, s.Probability))];
    }
}
