using Harmonie.Analysis;
using Harmonie.Tracks;

namespace Harmonie.TestSupport;

/// <summary>Builds catalog rows for playlist tests with only the fields playlists read.</summary>
public static class PlaylistFixtureTracks
{
    public const string Root = "/music";

    public static TrackRecord Track(
        long id,
        string? artist = null,
        string? title = null,
        double? bpm = null,
        string? key = null,
        string? scale = null,
        double? danceability = null,
        string? album = null,
        string? path = null,
        string? model = PlaylistFixtureCatalog.Model,
        string? style = null)
    {
        var relative = path ?? $"{artist ?? "Unknown"}/{album ?? "Singles"}/{id:D2} {title ?? "Untitled"}.flac";
        return new TrackRecord
        {
            Id = id,
            Path = $"{Root}/{relative}",
            LibraryRoot = Root,
            RelativePath = relative,
            Size = 1_000_000 + id,
            Mtime = 1_700_000_000,
            Duration = 240,
            Model = model,
            DescriptorVersion = 1,
            Tags = new TrackTags { Artist = artist, Album = album, Title = title, TrackNumber = (int)(id % 20) + 1 },
            Descriptors = new AudioDescriptors { Bpm = bpm, Key = key, Scale = scale, Danceability = danceability, Loudness = -9 },
            Styles = style is null ? [] : [new StyleScore(style, 0.8)],
            AnalyzedAt = 1_700_000_100,
        };
    }

    /// <summary>A unit vector at <paramref name="degrees"/> in the plane of the first two axes, padded to <paramref name="dimension"/>.</summary>
    public static float[] Angle(double degrees, int dimension = 2)
    {
        var vector = new float[dimension];
        vector[0] = (float)Math.Cos(degrees * Math.PI / 180);
        vector[1] = (float)Math.Sin(degrees * Math.PI / 180);
        return vector;
    }
}
