namespace Harmonie.Engines.Audio;

/// <summary>Decodes an audio file to mono float PCM at a requested rate, streaming it into a sink.</summary>
public interface IAudioDecoder
{
    /// <summary>Lower-case extensions (with the dot) this decoder can read.</summary>
    IReadOnlySet<string> SupportedExtensions { get; }

    /// <exception cref="AudioDecodeException">The file cannot be decoded or holds no audio.</exception>
    Task<DecodedAudioInfo> DecodeAsync(string path, int sampleRate, IPcmSink sink, CancellationToken cancellationToken);
}
