using System.Buffers.Binary;

namespace Harmonie.Engines.Audio;

/// <summary>The fields of a float WAV header that matter here.</summary>
internal sealed record FloatWaveHeader(int SampleRate, int Channels)
{
    private const ushort FormatIeeeFloat = 3;
    private const ushort FormatExtensible = 0xFFFE;

    /// <summary>Reads up to the start of the data chunk; null when ffmpeg wrote nothing (it failed).</summary>
    public static async Task<FloatWaveHeader?> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var riff = new byte[12];
        if (!await TryFillAsync(stream, riff, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        if (!riff.AsSpan(0, 4).SequenceEqual("RIFF"u8) || !riff.AsSpan(8, 4).SequenceEqual("WAVE"u8))
        {
            throw new AudioDecodeException("ffmpeg wrote an unexpected stream (not WAV)");
        }

        FloatWaveHeader? header = null;
        var chunk = new byte[8];
        while (await TryFillAsync(stream, chunk, cancellationToken).ConfigureAwait(false))
        {
            var size = BinaryPrimitives.ReadUInt32LittleEndian(chunk.AsSpan(4));
            if (chunk.AsSpan(0, 4).SequenceEqual("data"u8))
            {
                return header ?? throw new AudioDecodeException("ffmpeg wrote a WAV stream without a format chunk");
            }

            var body = new byte[Math.Min(size, 4096u)];
            if (!await TryFillAsync(stream, body, cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            await SkipAsync(stream, size - body.Length + (size & 1), cancellationToken).ConfigureAwait(false);
            if (chunk.AsSpan(0, 4).SequenceEqual("fmt "u8))
            {
                header = Parse(body);
            }
        }

        return null;
    }

    private static FloatWaveHeader Parse(ReadOnlySpan<byte> fmt)
    {
        var tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        var channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
        var rate = BinaryPrimitives.ReadInt32LittleEndian(fmt[4..]);
        var bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
        if (tag == FormatExtensible && fmt.Length >= 26)
        {
            tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt[24..]);
        }

        if (tag != FormatIeeeFloat || bits != 32 || channels == 0 || rate <= 0)
        {
            throw new AudioDecodeException($"ffmpeg wrote an unexpected sample format (tag {tag}, {bits} bits, {channels} channels)");
        }

        return new FloatWaveHeader(rate, channels);
    }

    private static async Task<bool> TryFillAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return false;
            }

            filled += read;
        }

        return true;
    }

    private static async Task SkipAsync(Stream stream, long count, CancellationToken cancellationToken)
    {
        var scratch = new byte[4096];
        while (count > 0)
        {
            var read = await stream.ReadAsync(scratch.AsMemory(0, (int)Math.Min(count, scratch.Length)), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return;
            }

            count -= read;
        }
    }
}
