using System.Diagnostics;

namespace Harmonie.TestSupport;

/// <summary>Creates audio files for tests with ffmpeg's lavfi sources, so no fixture has to be committed.</summary>
public static class GeneratedAudio
{
    /// <summary>A sine tone; <paramref name="extension"/> picks the container and codec (ffmpeg's defaults).</summary>
    public static string Tone(string path, double seconds = 2, double frequency = 440, int sampleRate = 44100,
        int channels = 1, IReadOnlyDictionary<string, string>? tags = null) =>
        Run(path, $"sine=frequency={frequency}:sample_rate={sampleRate}:duration={seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
            channels, tags);

    /// <summary>Any lavfi source expression, e.g. <c>aevalsrc=...</c>; extra arguments go before the output path.</summary>
    public static string Lavfi(string path, string source, int channels = 1, IReadOnlyDictionary<string, string>? tags = null,
        IReadOnlyList<string>? extraArguments = null) =>
        Run(path, source, channels, tags, extraArguments);

    private static string Run(string path, string source, int channels, IReadOnlyDictionary<string, string>? tags,
        IReadOnlyList<string>? extraArguments = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var info = new ProcessStartInfo("ffmpeg")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-nostdin", "-y", "-v", "error", "-f", "lavfi", "-i", source, "-ac", channels.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(a);
        }

        foreach (var (key, value) in tags ?? new Dictionary<string, string>())
        {
            info.ArgumentList.Add("-metadata");
            info.ArgumentList.Add($"{key}={value}");
        }

        if (Path.GetExtension(path).Equals(".opus", StringComparison.OrdinalIgnoreCase))
        {
            info.ArgumentList.Add("-ar");
            info.ArgumentList.Add("48000");
        }

        foreach (var argument in extraArguments ?? [])
        {
            info.ArgumentList.Add(argument);
        }

        info.ArgumentList.Add(path);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("ffmpeg did not start");
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg failed to create {path}: {errors}");
        }

        return path;
    }
}
