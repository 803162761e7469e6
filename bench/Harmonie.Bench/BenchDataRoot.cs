using System.Globalization;

namespace Harmonie.Bench;

/// <summary>The folder holding one data directory per catalog size: the given one (kept) or a temp folder (removed).</summary>
public sealed class BenchDataRoot : IAsyncDisposable
{
    private readonly bool _temporary;

    public BenchDataRoot(string? path, string name)
    {
        _temporary = path is null;
        Path = System.IO.Path.GetFullPath(path ?? System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"harmonie-bench-{name}-{Guid.NewGuid():N}"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public static int[] ParseSizes(string sizes) =>
        [.. sizes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture))];

    public string For(int size) => System.IO.Path.Combine(Path, size.ToString(CultureInfo.InvariantCulture));

    public ValueTask DisposeAsync()
    {
        if (_temporary && Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}
