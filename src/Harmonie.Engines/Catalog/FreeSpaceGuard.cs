using System.Globalization;

namespace Harmonie.Engines.Catalog;

/// <summary>
/// Keeps a margin of free space where the embedded catalog lives. LiteDB that meets a full disk in the middle of
/// a commit can wedge until the process restarts, so a scan stops (cleanly, with the reason) before that happens.
/// </summary>
public static class FreeSpaceGuard
{
    /// <summary>Why <paramref name="directory"/> is too full to keep writing, or null when there is room (or no check).</summary>
    public static string? Shortage(string? directory, long minimumFreeBytes)
    {
        if (directory is null || minimumFreeBytes <= 0)
        {
            return null;
        }

        long free;
        try
        {
            free = new DriveInfo(directory).AvailableFreeSpace;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null; // Not measurable here; the writes themselves will say what is wrong.
        }

        return free >= minimumFreeBytes
            ? null
            : string.Create(
                CultureInfo.InvariantCulture,
                $"the disk is full: {free / 1048576.0:0.#} MB free in {directory}, below the {minimumFreeBytes / 1048576.0:0.#} MB harmonie keeps free for its catalog (HARMONIE_MIN_FREE_MB); free some space, then scan again");
    }
}
