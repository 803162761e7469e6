using NAudio.Wave;

namespace Harmonie.Engines.Audio;

/// <summary>
/// Managed fallback for WAV and AIFF (NAudio's readers), used when ffmpeg is not installed.
/// NAudio's mp3/flac readers need Windows codecs, so every other format needs ffmpeg.
/// </summary>
public sealed class WaveAudioDecoder : IAudioDecoder
{
    private const int BlockFrames = 16384;

    public IReadOnlySet<string> SupportedExtensions { get; } =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".wav", ".aiff", ".aif" };

    public Task<DecodedAudioInfo> DecodeAsync(string path, int sampleRate, IPcmSink sink, CancellationToken cancellationToken)
    {
        try
        {
            using WaveStream reader = Path.GetExtension(path).Equals(".wav", StringComparison.OrdinalIgnoreCase)
                ? new WaveFileReader(path)
                : new AiffFileReader(path);
            var samples = reader.ToSampleProvider();
            var channels = samples.WaveFormat.Channels;
            var buffer = new float[BlockFrames * channels];
            using var formatter = new PcmFormatter(samples.WaveFormat.SampleRate, channels, sampleRate, sink);
            int read;
            while ((read = samples.Read(buffer.AsSpan())) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                formatter.Write(buffer.AsSpan(0, read - (read % channels)));
            }

            formatter.Complete();
            if (formatter.SamplesWritten == 0)
            {
                throw new AudioDecodeException("empty audio: the file decodes to no samples");
            }

            return Task.FromResult(new DecodedAudioInfo(samples.WaveFormat.SampleRate, channels, sampleRate, formatter.SamplesWritten));
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or ArgumentException or EndOfStreamException or NotSupportedException)
        {
            throw new AudioDecodeException($"cannot read {Path.GetExtension(path)} file: {ex.Message}", ex);
        }
    }
}
