using Harmonie.Engines.Library;
using Harmonie.TestSupport;

namespace Harmonie.Engines.Tests.Library;

public sealed class FileFingerprintTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Theory]
    [InlineData(0, 0, "1240a4684403b160e6597a653a88f56c")]
    [InlineData(10, 1, "07a5888a287db1b1e4c6c608612139b0")]
    [InlineData(65536, 2, "14a8913437957f28c76d10ce232aa495")]
    [InlineData(100000, 3, "663aac36129579e4296ce7fc0965e60d")] // 64–128 KiB: head and tail overlap.
    [InlineData(300000, 4, "1dc6bfdb2792c228db85e22d7ea227b3")]
    public async Task Matches_the_python_original(int size, int seed, string expected)
    {
        // Expected values computed with Python's hashlib.blake2b(digest_size=16) as the original does.
        var path = Write("f.bin", Content(size, seed));
        Assert.Equal(expected, await FileFingerprint.ComputeAsync(path, CancellationToken.None));
    }

    [Fact]
    public async Task Survives_a_copy_with_a_new_mtime()
    {
        var original = Write("a.bin", Content(200_000, 5));
        var copy = _dir.Combine("b.bin");
        File.Copy(original, copy);
        File.SetLastWriteTimeUtc(copy, DateTime.UtcNow.AddDays(-3));

        Assert.Equal(
            await FileFingerprint.ComputeAsync(original, CancellationToken.None),
            await FileFingerprint.ComputeAsync(copy, CancellationToken.None));
    }

    [Fact]
    public async Task Sees_head_tail_and_size_but_not_the_middle_of_a_large_file()
    {
        var data = Content(400_000, 6);
        var baseline = await FileFingerprint.ComputeAsync(Write("base.bin", data), CancellationToken.None);

        var head = (byte[])data.Clone();
        head[10] ^= 1;
        var tail = (byte[])data.Clone();
        tail[^10] ^= 1;
        var middle = (byte[])data.Clone();
        middle[200_000] ^= 1;

        Assert.NotEqual(baseline, await FileFingerprint.ComputeAsync(Write("head.bin", head), CancellationToken.None));
        Assert.NotEqual(baseline, await FileFingerprint.ComputeAsync(Write("tail.bin", tail), CancellationToken.None));
        Assert.NotEqual(baseline, await FileFingerprint.ComputeAsync(Write("longer.bin", [.. data, 0]), CancellationToken.None));
        Assert.Equal(baseline, await FileFingerprint.ComputeAsync(Write("middle.bin", middle), CancellationToken.None));
    }

    public void Dispose() => _dir.Dispose();

    private static byte[] Content(int size, int seed) => [.. Enumerable.Range(0, size).Select(i => (byte)(((i * 31) + (seed * 7)) % 251))];

    private string Write(string name, byte[] data)
    {
        var path = _dir.Combine(name);
        File.WriteAllBytes(path, data);
        return path;
    }
}
