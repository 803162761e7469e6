using System.Buffers.Binary;
using System.Text;

namespace Harmonie.TestSupport;

/// <summary>Reads the little-endian float32 .npy dumps of the Essentia reference (version 1 header).</summary>
public static class NpyFile
{
    public static float[] ReadFloat32(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8, 2));
        var header = Encoding.ASCII.GetString(bytes, 10, headerLength);
        if (!header.Contains("'<f4'", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path} is not little-endian float32: {header}");
        }

        var data = bytes.AsSpan(10 + headerLength);
        var values = new float[data.Length / 4];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(data.Slice(i * 4, 4));
        }

        return values;
    }
}
