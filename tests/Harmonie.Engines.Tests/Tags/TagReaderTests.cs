using Harmonie.Analysis;
using Harmonie.Engines.Tags;
using Harmonie.TestSupport;

namespace Harmonie.Engines.Tests.Tags;

public sealed class TagReaderTests : IDisposable
{
    private static readonly Dictionary<string, string> Tags = new()
    {
        ["artist"] = "Café Ñandú",
        ["album"] = "東京",
        ["title"] = "Песня",
        ["track"] = "5/12",
    };

    private readonly TempDirectory _dir = new();

    [Theory]
    [InlineData(".flac")]
    [InlineData(".mp3")]
    [InlineData(".ogg")]
    [InlineData(".opus")]
    [InlineData(".m4a")]
    [InlineData(".wma")]
    [InlineData(".aiff")]
    [InlineData(".wav")]
    public void Reads_artist_album_title_and_track_number_from_every_container(string extension)
    {
        // ffmpeg writes ID3 chunks into AIFF and WAV when asked; the other containers carry their native tags.
        var path = GeneratedAudio.Lavfi(_dir.Combine("t" + extension), "sine=d=1", tags: Tags, extraArguments: ["-write_id3v2", "1"]);

        var tags = TagReader.Read(path);

        Assert.Equal(new TrackTags { Artist = "Café Ñandú", Album = "東京", Title = "Песня", TrackNumber = 5 }, tags);
    }

    [Fact]
    public void Reads_an_id3_chunk_inside_a_wav_file()
    {
        var path = GeneratedAudio.Lavfi(_dir.Combine("id3.wav"), "sine=d=1", extraArguments: ["-map_metadata", "-1", "-fflags", "+bitexact"]);
        using (var file = TagLib.File.Create(path))
        {
            var id3 = file.GetTag(TagLib.TagTypes.Id3v2, create: true);
            id3.Performers = ["Id3 Artist"];
            id3.Album = "Id3 Album";
            id3.Title = "Id3 Title";
            id3.Track = 7;
            file.Save();
        }

        Assert.Equal(new TrackTags { Artist = "Id3 Artist", Album = "Id3 Album", Title = "Id3 Title", TrackNumber = 7 }, TagReader.Read(path));
    }

    [Theory]
    [InlineData("5/12", 5)]
    [InlineData("  4  ", 4)]
    [InlineData("notanumber", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Parses_track_numbers_like_the_original(string? text, int? expected) =>
        Assert.Equal(expected, TagReader.ParseTrackNumber(text));

    [Fact]
    public void Falls_back_to_the_album_artist()
    {
        var path = GeneratedAudio.Lavfi(_dir.Combine("aa.flac"), "sine=d=1", tags: new Dictionary<string, string> { ["album_artist"] = "Various", ["title"] = "T" });

        Assert.Equal("Various", TagReader.Read(path).Artist);
    }

    [Fact]
    public void A_file_without_tags_or_a_corrupt_file_gives_empty_tags()
    {
        var untagged = GeneratedAudio.Lavfi(_dir.Combine("plain.mp3"), "sine=d=1", extraArguments: ["-map_metadata", "-1", "-write_xing", "0", "-id3v2_version", "0"]);
        var garbage = _dir.Combine("garbage.flac");
        File.WriteAllBytes(garbage, [.. Enumerable.Range(0, 5000).Select(i => (byte)(i * 7))]);

        Assert.Equal(TrackTags.Empty, TagReader.Read(untagged));
        Assert.Equal(TrackTags.Empty, TagReader.Read(garbage));
        Assert.Equal(TrackTags.Empty, TagReader.Read(_dir.Combine("missing.ogg")));
    }

    [Fact]
    public void Reads_the_shared_non_ascii_clip()
    {
        var tags = TagReader.Read(TestData.Audio("tricky/Café Ñandú — 東京 Песня.flac"));

        Assert.NotNull(tags.Artist);
        Assert.NotNull(tags.Title);
    }

    public void Dispose() => _dir.Dispose();
}
