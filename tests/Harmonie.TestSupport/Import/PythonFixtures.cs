namespace Harmonie.TestSupport.Import;

/// <summary>A small Python library: two models of different dimensions, styles, null tags, a row without embedding.</summary>
public static class PythonFixtures
{
    public const string Effnet = "discogs-effnet-bs64-1";
    public const string Tiny = "tiny-8d";

    public static float[] StyleActivations(int seed) => [.. PythonDatabaseBuilder.Vector(400, seed).Select(Math.Abs)];

    public static IReadOnlyList<PythonTrack> Library() =>
    [
        new PythonTrack
        {
            Id = 3,
            Path = "/music/Aphex Twin/SAW/01 Xtal.flac",
            Embedding = PythonDatabaseBuilder.Vector(1280, 3),
            StyleActivations = StyleActivations(3),
            Styles = [("Electronic---Ambient", 0.25), ("Electronic---IDM", 0.875), ("Electronic---Techno", 0.5)],
        },
        new PythonTrack
        {
            Id = 7,
            Path = "/music/untagged/track07.mp3",
            Embedding = PythonDatabaseBuilder.Vector(1280, 7),
            Artist = null,
            Album = null,
            Title = null,
            TrackNumber = null,
            Bpm = null,
            Key = null,
            Scale = null,
            Fingerprint = null,
        },
        new PythonTrack
        {
            Id = 12,
            Path = "/elsewhere/loose.ogg",
            LibraryRoot = null,
            RelativePath = null,
            Model = Tiny,
            Embedding = PythonDatabaseBuilder.Vector(8, 12),
            Styles = [("Rock---Shoegaze", 0.5)],
        },
        new PythonTrack
        {
            Id = 15,
            Path = "/music/broken/nothing.wav",
            Embedding = null,
            EmbeddingDim = 1280,
            DescriptorVersion = 0,
        },
        new PythonTrack
        {
            Id = 20,
            Path = "/music/b/tiny2.flac",
            Model = Tiny,
            Embedding = PythonDatabaseBuilder.Vector(8, 20),
            Mtime = 1_650_000_000,
            Size = 123,
        },
    ];
}
