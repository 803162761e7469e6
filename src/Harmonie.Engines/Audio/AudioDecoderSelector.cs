using Microsoft.Extensions.Logging;

namespace Harmonie.Engines.Audio;

/// <summary>
/// The decoder the service uses: ffmpeg for everything when it is installed, otherwise the managed
/// WAV/AIFF reader, with a clear error for the formats that then cannot be read.
/// </summary>
public sealed class AudioDecoderSelector : IAudioDecoder
{
    private readonly IAudioDecoder _decoder;

    public AudioDecoderSelector(ILogger<AudioDecoderSelector> logger, string? ffmpegPath = null)
    {
        ffmpegPath ??= FfmpegAudioDecoder.Locate();
        if (ffmpegPath is not null)
        {
            _decoder = new FfmpegAudioDecoder(ffmpegPath);
            logger.LogInformation("Decoding audio with {Ffmpeg}", ffmpegPath);
            return;
        }

        _decoder = new WaveAudioDecoder();
        var unavailable = AudioFileTypes.ScannedExtensions.Except(_decoder.SupportedExtensions, StringComparer.OrdinalIgnoreCase).Order();
        logger.LogWarning(
            "ffmpeg was not found on PATH: only {Available} files can be analysed; {Unavailable} files will be recorded as failures until ffmpeg is installed",
            string.Join(' ', _decoder.SupportedExtensions.Order()),
            string.Join(' ', unavailable));
    }

    public IReadOnlySet<string> SupportedExtensions => _decoder.SupportedExtensions;

    public Task<DecodedAudioInfo> DecodeAsync(string path, int sampleRate, IPcmSink sink, CancellationToken cancellationToken)
    {
        if (!_decoder.SupportedExtensions.Contains(Path.GetExtension(path)))
        {
            throw new AudioDecodeException($"cannot decode {Path.GetExtension(path)} files without ffmpeg; install ffmpeg");
        }

        return _decoder.DecodeAsync(path, sampleRate, sink, cancellationToken);
    }
}
