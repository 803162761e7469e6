using System.Globalization;

namespace Harmonie.TestSupport;

/// <summary>
/// A library of <c>count</c> distinct pulsed tones written as WAV files in a few folders (no ffmpeg run per
/// file), for scans that must take a while: cancellation, kill -9, schedules. Contents differ between libraries.
/// </summary>
public sealed class ToneLibrary : IDisposable
{
    private readonly TempDirectory _dir;

    private ToneLibrary(TempDirectory dir, IReadOnlyList<string> files)
    {
        _dir = dir;
        Files = files;
    }

    public string Root => _dir.Path;

    /// <summary>Paths relative to <see cref="Root"/>, in creation order.</summary>
    public IReadOnlyList<string> Files { get; }

    public static ToneLibrary Create(int count, double seconds = 1, string prefix = "harmonie-tones")
    {
        var dir = new TempDirectory(prefix);
        var files = new List<string>(count);

        // Every library sounds a little different, so a scan never relocates another test's rows onto it.
        var detune = Random.Shared.NextDouble() * 10;
        for (var i = 0; i < count; i++)
        {
            var relative = string.Create(CultureInfo.InvariantCulture, $"Folder {i % 4}/Tone {i:D3}.wav");
            WaveFile.PulsedTone(Path.Combine(dir.Path, relative), 110 + detune + (17.3 * i), seconds);
            files.Add(relative);
        }

        return new ToneLibrary(dir, files);
    }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public void Dispose() => _dir.Dispose();
}
