namespace Harmonie.TestSupport;

/// <summary>
/// A small music library made with ffmpeg: several formats and folders, a tagless file, a non-ASCII
/// path, a corrupt file, a dot-file and a non-audio file — the cases a scan must handle.
/// </summary>
public sealed class GeneratedLibrary : IDisposable
{
    private readonly TempDirectory _dir = new("harmonie-library");

    private GeneratedLibrary()
    {
    }

    public string Root => _dir.Path;

    /// <summary>Files that analyse normally, relative to <see cref="Root"/>.</summary>
    public IReadOnlyList<string> GoodFiles { get; } =
    [
        "Alpha/First Album/01 Sine.flac",
        "Alpha/First Album/02 Chord.mp3",
        "Beta/Second/03 Pulse.ogg",
        "Beta/Second/04 Sweep.opus",
        "Beta/05 Low.wav",
        "Gamma/Deep/Deeper/06 Tagless.mp3",
        "Ünïcødé — 東京/07 Песня.m4a",
    ];

    public string CorruptFile => "Beta/corrupt.mp3";

    public string TaglessFile => "Gamma/Deep/Deeper/06 Tagless.mp3";

    public string NonAsciiFile => "Ünïcødé — 東京/07 Песня.m4a";

    /// <summary>Audio files a scan discovers (good ones and the corrupt one).</summary>
    public int DiscoverableCount => GoodFiles.Count + 1;

    public static GeneratedLibrary Create()
    {
        var library = new GeneratedLibrary();
        var sources = new[]
        {
            "sine=frequency=220:sample_rate=44100:duration=3",
            "aevalsrc='0.3*sin(2*PI*261.63*t)+0.3*sin(2*PI*329.63*t)+0.3*sin(2*PI*392*t)':s=44100:d=3",
            "aevalsrc='0.8*sin(2*PI*80*t)*exp(-8*mod(t,0.5))':s=44100:d=4",
            "aevalsrc='0.5*sin(2*PI*(200+600*t)*t)':s=48000:d=3",
            "sine=frequency=110:sample_rate=22050:duration=3",
            "aevalsrc='0.4*sin(2*PI*440*t)*(0.5+0.5*sin(2*PI*2*t))':s=44100:d=3",
            "aevalsrc='0.3*sin(2*PI*196*t)+0.3*sin(2*PI*246.94*t)':s=44100:d=3",
        };
        for (var i = 0; i < library.GoodFiles.Count; i++)
        {
            var relative = library.GoodFiles[i];
            var path = library.Path(relative);
            if (relative == library.TaglessFile)
            {
                GeneratedAudio.Lavfi(path, sources[i], extraArguments: ["-map_metadata", "-1", "-id3v2_version", "0", "-write_xing", "0"]);
                continue;
            }

            var name = System.IO.Path.GetFileNameWithoutExtension(relative);
            var tags = new Dictionary<string, string>
            {
                ["artist"] = relative.Split('/')[0],
                ["album"] = System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(relative))!,
                ["title"] = name[3..],
                ["track"] = name[..2],
            };
            GeneratedAudio.Lavfi(path, sources[i], channels: 2, tags: tags);
        }

        File.WriteAllBytes(library.Path(library.CorruptFile), [.. Enumerable.Range(0, 20_000).Select(i => (byte)((i * 131) ^ 0x5A))]);
        File.WriteAllBytes(library.Path("Beta/._03 Pulse.ogg"), [0, 5, 22, 7]);
        File.WriteAllText(library.Path("Beta/cover.txt"), "not audio");
        return library;
    }

    public string Path(string relative)
    {
        var path = System.IO.Path.Combine(Root, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        return path;
    }

    public void Dispose() => _dir.Dispose();
}
