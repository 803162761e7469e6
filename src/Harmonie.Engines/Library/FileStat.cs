namespace Harmonie.Engines.Library;

/// <summary>Size and modification time of a file, as the scan compares them.</summary>
public readonly record struct FileStat(long Size, double Mtime)
{
    /// <summary>Stored and current mtimes within this many seconds count as unchanged.</summary>
    public const double MtimeTolerance = 1.0;

    /// <summary>Reads the stat of a file (following symlinks); null when the file vanished.</summary>
    /// <exception cref="UnauthorizedAccessException">Permission denied.</exception>
    /// <exception cref="IOException">Any other I/O failure.</exception>
    public static FileStat? Read(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return null;
        }

        if (info.LinkTarget is not null)
        {
            info = info.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? info;
            if (!info.Exists)
            {
                return null;
            }
        }

        return new FileStat(info.Length, ToUnixSeconds(info.LastWriteTimeUtc));
    }

    public static double ToUnixSeconds(DateTime utc) => (utc - DateTime.UnixEpoch).Ticks / (double)TimeSpan.TicksPerSecond;

    public bool Matches(long size, double mtime) => size == Size && Math.Abs(mtime - Mtime) <= MtimeTolerance;
}
