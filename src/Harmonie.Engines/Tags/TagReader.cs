using Harmonie.Analysis;

namespace Harmonie.Engines.Tags;

/// <summary>
/// Reads artist, album, title and track number with TagLibSharp (BEHAVIOUR.md §3.7). Covers Vorbis
/// comments, ID3 (also inside WAV and AIFF), MP4 and ASF/WMA. A file whose tags cannot be read has
/// empty tags; tag problems never fail an analysis.
/// </summary>
public static class TagReader
{
    public static TrackTags Read(string path)
    {
        try
        {
            using var file = TagLib.File.Create(path);
            var tag = file.Tag;
            return new TrackTags
            {
                Artist = FirstNonEmpty(tag.Performers) ?? FirstNonEmpty(tag.AlbumArtists),
                Album = Clean(tag.Album) ?? RiffInfo(file, "IPRD"),
                Title = Clean(tag.Title),
                TrackNumber = tag.Track is > 0 and <= int.MaxValue
                    ? (int)tag.Track
                    : ParseTrackNumber(RiffInfo(file, "IPRT") ?? RiffInfo(file, "ITRK") ?? AsfDescriptor(file, "WM/TrackNumber")),
            };
        }
        catch (Exception ex) when (ex is TagLib.CorruptFileException or TagLib.UnsupportedFormatException
                                       or IOException or UnauthorizedAccessException or ArgumentException
                                       or NullReferenceException or IndexOutOfRangeException or OverflowException
                                       or InvalidOperationException or NotImplementedException)
        {
            // TagLib throws a variety of exceptions on malformed containers; tags are optional.
            return TrackTags.Empty;
        }
    }

    /// <summary>
    /// Track number from its text form: the part before '/', trimmed, as an integer; otherwise null
    /// (<c>"5/12"</c> → 5, <c>"  4  "</c> → 4, <c>"notanumber"</c> → null).
    /// </summary>
    public static int? ParseTrackNumber(string? text)
    {
        var value = Clean(text);
        if (value is null)
        {
            return null;
        }

        var slash = value.IndexOf('/', StringComparison.Ordinal);
        var number = (slash >= 0 ? value[..slash] : value).Trim();
        return int.TryParse(number, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    // TagLib leaves a WAV's RIFF INFO album (IPRD) and part number (IPRT) unread, and cannot parse
    // "5/12" in an ASF WM/TrackNumber string; ffmpeg and other taggers write both.
    private static string? RiffInfo(TagLib.File file, string field) =>
        file.GetTag(TagLib.TagTypes.RiffInfo) is TagLib.Riff.InfoTag info ? FirstNonEmpty(info.GetValuesAsStrings(field)) : null;

    private static string? AsfDescriptor(TagLib.File file, string name) =>
        file.GetTag(TagLib.TagTypes.Asf) is TagLib.Asf.Tag asf ? Clean(asf.GetDescriptorString(name)) : null;

    private static string? FirstNonEmpty(string[]? values)
    {
        if (values is null)
        {
            return null;
        }

        foreach (var value in values)
        {
            var clean = Clean(value);
            if (clean is not null)
            {
                return clean;
            }
        }

        return null;
    }

    private static string? Clean(string? value)
    {
        var trimmed = value?.Trim().Trim('\0').Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }
}
