using System.Buffers.Binary;

namespace Harmonie.TestSupport;

/// <summary>Writes 16-bit PCM mono WAV files from samples, for libraries too large to make with one ffmpeg run per file.</summary>
public static class WaveFile
{
    public const int SampleRate = 44100;

    public static string Write(string path, ReadOnlySpan<float> samples, int sampleRate = SampleRate)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var data = samples.Length * 2;
        var bytes = new byte[44 + data];
        var span = bytes.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], 36 + data);
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1); // PCM
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], 1); // mono
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], sampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], data);
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(span[(44 + (2 * i))..], (short)Math.Round(Math.Clamp(samples[i], -1f, 1f) * short.MaxValue));
        }

        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>A tone of <paramref name="frequency"/> Hz pulsed twice a second (120 BPM), so every descriptor has something to measure.</summary>
    public static string PulsedTone(string path, double frequency, double seconds)
    {
        var samples = new float[(int)(seconds * SampleRate)];
        for (var i = 0; i < samples.Length; i++)
        {
            var t = i / (double)SampleRate;
            var envelope = 0.3 + (0.7 * Math.Exp(-8 * (t % 0.5)));
            samples[i] = (float)(0.5 * envelope * Math.Sin(2 * Math.PI * frequency * t));
        }

        return Write(path, samples);
    }
}
