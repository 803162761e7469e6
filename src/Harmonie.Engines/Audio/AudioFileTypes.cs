namespace Harmonie.Engines.Audio;

/// <summary>The file extensions a library scan picks up (BEHAVIOUR.md §2.4).</summary>
public static class AudioFileTypes
{
    public static IReadOnlySet<string> ScannedExtensions { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".flac", ".mp3", ".wav", ".ogg", ".oga", ".m4a", ".aac", ".aiff", ".aif", ".wma", ".opus", ".alac",
    };

    public static bool IsScanned(string path) => ScannedExtensions.Contains(Path.GetExtension(path));
}
