using Harmonie.Analysis;
using Harmonie.TestSupport;

namespace Harmonie.Grains.Tests.Infrastructure;

/// <summary>Audio files the grain tests analyse.</summary>
public static class TestAudio
{
    public static TrackTags Tags { get; } = new() { Artist = "Kick Drum", Album = "Pulses", Title = "Eighty Hertz", TrackNumber = 3 };

    /// <summary>An 80 Hz kick every half second (120 BPM) for <paramref name="seconds"/>, as tagged stereo FLAC.</summary>
    public static string Kick(string path, double seconds = 8) =>
        GeneratedAudio.Lavfi(
            path,
            $"aevalsrc='0.8*sin(2*PI*80*t)*exp(-8*mod(t,0.5))':s=44100:d={seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
            channels: 2,
            tags: new Dictionary<string, string>
            {
                ["artist"] = Tags.Artist!,
                ["album"] = Tags.Album!,
                ["title"] = Tags.Title!,
                ["track"] = Tags.TrackNumber!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });

    /// <summary>Bytes no decoder accepts, under an audio extension.</summary>
    public static string Garbage(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, [.. Enumerable.Range(0, 20_000).Select(i => (byte)((i * 131) ^ 0x5A))]);
        return path;
    }
}
