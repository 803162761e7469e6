using System.Diagnostics;
using System.Text;
using Harmonie.Engines.Telemetry;

namespace Harmonie.Engines.Audio;

/// <summary>
/// Decodes any format ffmpeg reads by running it as a subprocess that writes 32-bit float WAV to a pipe.
/// The WAV header tells the source rate and channel count; downmix and resampling happen here
/// (see <see cref="PcmFormatter"/>) so they match Essentia exactly. Memory stays bounded: the audio
/// is streamed through a fixed buffer.
/// </summary>
public sealed class FfmpegAudioDecoder(string executable) : IAudioDecoder
{
    private const int ReadBufferBytes = 1 << 16;
    private const int MaxErrorChars = 4096;
    private const string TrimmedMarker = "\u0000trimmed";

    public IReadOnlySet<string> SupportedExtensions => AudioFileTypes.ScannedExtensions;

    /// <summary>Finds <c>ffmpeg</c> on PATH, or returns null.</summary>
    public static string? Locate()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, OperatingSystem.IsWindows() ? "ffmpeg.exe" : "ffmpeg");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    public async Task<DecodedAudioInfo> DecodeAsync(string path, int sampleRate, IPcmSink sink, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var waited = new DecoderWait();
        using var process = Start(path);
        var errors = new StringBuilder();
        var stderrTask = DrainAsync(process.StandardError, errors);
        using var killOnCancel = cancellationToken.Register(() => Kill(process));
        try
        {
            var stdout = process.StandardOutput.BaseStream;
            var format = await FloatWaveHeader.ReadAsync(stdout, cancellationToken).ConfigureAwait(false);
            waited.Pause();
            DecodedAudioInfo? info = null;
            if (format is not null)
            {
                info = await PumpAsync(stdout, format, sampleRate, sink, waited, cancellationToken).ConfigureAwait(false);
            }

            HarmonieMetrics.DecoderWaited(waited.Total);

            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            await stderrTask.ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (process.ExitCode != 0 || info is null)
            {
                throw new AudioDecodeException($"ffmpeg could not decode the file: {Summarise(errors.ToString(), process.ExitCode)}");
            }

            if (info.SampleCount == 0)
            {
                throw new AudioDecodeException("empty audio: the file decodes to no samples");
            }

            return info;
        }
        catch (Exception) when (!process.HasExited)
        {
            Kill(process);
            throw;
        }
    }

    private Process Start(string path)
    {
        var startInfo = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in new[]
                 {
                     "-nostdin", "-hide_banner", "-v", "error", "-i", path, "-map", "0:a:0", "-vn", "-sn", "-dn",
                     "-map_metadata", "-1", "-fflags", "+bitexact", "-flags:a", "+bitexact",
                     "-acodec", "pcm_f32le", "-f", "wav", "pipe:1",
                 })
        {
            startInfo.ArgumentList.Add(argument);
        }

        return Process.Start(startInfo) ?? throw new AudioDecodeException("ffmpeg could not be started");
    }

    private static async Task<DecodedAudioInfo> PumpAsync(
        Stream stdout, FloatWaveHeader format, int sampleRate, IPcmSink sink, DecoderWait waited, CancellationToken cancellationToken)
    {
        var frameBytes = format.Channels * sizeof(float);
        var buffer = new byte[ReadBufferBytes - (ReadBufferBytes % frameBytes)];
        var filled = 0;
        using var formatter = new PcmFormatter(format.SampleRate, format.Channels, sampleRate, sink);
        while (true)
        {
            waited.Resume();
            var read = await stdout.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            waited.Pause();
            if (read == 0)
            {
                break;
            }

            filled += read;
            var whole = filled - (filled % frameBytes);
            if (whole > 0)
            {
                formatter.Write(PcmFormatter.AsFloats(buffer.AsSpan(0, whole)));
                buffer.AsSpan(whole, filled - whole).CopyTo(buffer);
                filled -= whole;
            }
        }

        formatter.Complete();
        return new DecodedAudioInfo(format.SampleRate, format.Channels, sampleRate, formatter.SamplesWritten);
    }

    /// <summary>Keeps the last <see cref="MaxErrorChars"/> of stderr: ffmpeg's final lines say why it failed.</summary>
    private static async Task DrainAsync(StreamReader reader, StringBuilder errors)
    {
        var buffer = new char[1024];
        int read;
        while ((read = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            errors.Append(buffer, 0, read);
            if (errors.Length > 2 * MaxErrorChars)
            {
                errors.Remove(0, errors.Length - MaxErrorChars);
                errors.Insert(0, TrimmedMarker);
            }
        }
    }

    /// <summary>
    /// The reason for a failure: ffmpeg's last complete diagnostic line, skipping its "Last message repeated"
    /// notes and a first line cut by <see cref="DrainAsync"/>.
    /// </summary>
    internal static string Summarise(string stderr, int exitCode)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.StartsWith(TrimmedMarker, StringComparison.Ordinal)
                && !line.StartsWith("Last message repeated", StringComparison.Ordinal))
            .ToArray();
        return lines.Length == 0 ? $"exit code {exitCode}" : lines[^1];
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }
}
