using Harmonie.Engines.Audio;

namespace Harmonie.Engines.Library;

/// <summary>
/// Enumerates the audio files of a library root (BEHAVIOUR.md §2.4): recursive, directory symlinks not
/// followed, dot-directories and dot-files skipped, de-duplicated by real path. Unreadable directories and
/// names that are not valid UTF-8 (which .NET cannot open again) are reported, not fatal and never skipped
/// silently. Entries are visited in ordinal name order so track ids are reproducible.
/// </summary>
public static class LibraryWalker
{
    private static readonly EnumerationOptions Options = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = false,
        AttributesToSkip = 0,
        ReturnSpecialDirectories = false,
    };

    /// <param name="root">A normalised root (see <see cref="LibraryPaths.Normalise"/>).</param>
    /// <param name="seenRealPaths">Real paths already taken (by this or an earlier root); found files are added.</param>
    /// <param name="onError">Receives (path, message) for a directory that cannot be read.</param>
    public static IEnumerable<LibraryFile> Enumerate(
        string root, ISet<string> seenRealPaths, Action<string, string>? onError = null, CancellationToken cancellationToken = default)
    {
        if (File.Exists(root))
        {
            if (IsCandidate(new FileInfo(root)) && TryClaim(root, seenRealPaths, out var file))
            {
                yield return file;
            }

            yield break;
        }

        if (!Directory.Exists(root))
        {
            yield break;
        }

        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var directory = pending.Pop();
            List<FileSystemInfo> entries;
            try
            {
                entries = [.. new DirectoryInfo(directory).EnumerateFileSystemInfos("*", Options)];
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
            {
                onError?.Invoke(directory, $"cannot read directory: {ex.Message}");
                continue;
            }

            entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            var subdirectories = new List<string>();
            foreach (var entry in entries)
            {
                if (entry.Name.StartsWith('.'))
                {
                    continue;
                }

                if (HasUndecodableName(entry))
                {
                    // Attributes would re-read the unopenable path; the enumeration already knows files from folders.
                    if (entry is DirectoryInfo || AudioFileTypes.IsScanned(entry.Name))
                    {
                        onError?.Invoke(entry.FullName, UndecodableName);
                    }

                    continue;
                }

                if (entry.Attributes.HasFlag(FileAttributes.Directory))
                {
                    if (!entry.Attributes.HasFlag(FileAttributes.ReparsePoint))
                    {
                        subdirectories.Add(entry.FullName);
                    }

                    continue;
                }

                if (IsCandidate(entry) && TryClaim(entry.FullName, seenRealPaths, out var file))
                {
                    yield return file;
                }
            }

            // Reverse so the stack pops subdirectories in name order.
            for (var i = subdirectories.Count - 1; i >= 0; i--)
            {
                pending.Push(subdirectories[i]);
            }
        }
    }

    public const string UndecodableName =
        "the name is not valid UTF-8, so it cannot be opened (the replacement character marks the bad bytes): rename it";

    /// <summary>
    /// The OS gave bytes that are not UTF-8: .NET replaced them with U+FFFD, and the path no longer names the file.
    /// </summary>
    private static bool HasUndecodableName(FileSystemInfo entry) =>
        entry.Name.Contains('\uFFFD', StringComparison.Ordinal) && !Path.Exists(entry.FullName);

    private static bool IsCandidate(FileSystemInfo entry)
    {
        if (entry.Name.StartsWith('.') || !AudioFileTypes.IsScanned(entry.Name))
        {
            return false;
        }

        // A symlink counts when it points at a regular file (File.Exists is true for a dangling link).
        if (entry.LinkTarget is null)
        {
            return true;
        }

        try
        {
            return entry.ResolveLinkTarget(returnFinalTarget: true) is { Exists: true } target && target is FileInfo;
        }
        catch (IOException)
        {
            // A symlink loop is not a file (as for Python's os.path.isfile); it must not end the walk.
            return false;
        }
    }

    private static bool TryClaim(string path, ISet<string> seenRealPaths, out LibraryFile file)
    {
        file = new LibraryFile(path, LibraryPaths.Resolve(path));
        return seenRealPaths.Add(file.RealPath);
    }
}
