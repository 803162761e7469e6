using System.Globalization;
using System.Text;
using Konscious.Security.Cryptography;

namespace Harmonie.Engines.Library;

/// <summary>
/// Content fingerprint used to recognise a moved or copied file (BEHAVIOUR.md §2.6): BLAKE2b with a
/// 16-byte digest over the decimal size, the first 64 KiB and, for larger files, the last 64 KiB.
/// A change confined to the middle of a large file is deliberately invisible: one ≤128 KiB read per file.
/// </summary>
public static class FileFingerprint
{
    private const int EdgeBytes = 64 * 1024;

    public static async Task<string> ComputeAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1, useAsync: true);
        var size = stream.Length;
        var head = new byte[Math.Min(EdgeBytes, size)];
        await stream.ReadExactlyAsync(head, cancellationToken).ConfigureAwait(false);
        byte[] tail = [];
        if (size > EdgeBytes)
        {
            tail = new byte[Math.Min(EdgeBytes, size)];
            stream.Seek(size - tail.Length, SeekOrigin.Begin);
            await stream.ReadExactlyAsync(tail, cancellationToken).ConfigureAwait(false);
        }

        return Compute(size, head, tail);
    }

    internal static string Compute(long size, ReadOnlySpan<byte> head, ReadOnlySpan<byte> tail)
    {
        using var hash = new HMACBlake2B(128);
        hash.Initialize();
        var sizeText = Encoding.ASCII.GetBytes(size.ToString(CultureInfo.InvariantCulture));
        var buffer = new byte[sizeText.Length + head.Length + tail.Length];
        sizeText.CopyTo(buffer, 0);
        head.CopyTo(buffer.AsSpan(sizeText.Length));
        tail.CopyTo(buffer.AsSpan(sizeText.Length + head.Length));
        return Convert.ToHexStringLower(hash.ComputeHash(buffer));
    }
}
