using System.Runtime.InteropServices;

namespace Harmonie.Engines.Library;

/// <summary>Path handling shared by scanning: <c>~</c> expansion, symlink resolution and root splitting.</summary>
public static partial class LibraryPaths
{
    /// <summary>Expands a leading <c>~</c> and makes the path absolute (no symlink resolution; a trailing slash is dropped).</summary>
    public static string Normalise(string path)
    {
        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
        {
            path = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + path[1..];
        }

        var full = Path.GetFullPath(path);
        return full.Length > 1 ? full.TrimEnd(Path.DirectorySeparatorChar) : full;
    }

    /// <summary>The absolute path with every symlink resolved, or the normalised path when it cannot be resolved.</summary>
    public static string Resolve(string path)
    {
        var normalised = Normalise(path);
        if (OperatingSystem.IsWindows())
        {
            return normalised;
        }

        var resolved = RealPath(normalised, IntPtr.Zero);
        if (resolved == IntPtr.Zero)
        {
            return normalised;
        }

        try
        {
            return Marshal.PtrToStringUTF8(resolved) ?? normalised;
        }
        finally
        {
            Free(resolved);
        }
    }

    /// <summary>
    /// Splits a file path against library roots (both resolved): the first root containing the file wins.
    /// A file that is itself a root has relative path <c>.</c>. Returns (null, null) outside every root.
    /// </summary>
    public static (string? Root, string? RelativePath) Split(string path, IEnumerable<string> resolvedRoots)
    {
        var file = Resolve(path);
        foreach (var root in resolvedRoots)
        {
            if (file == root)
            {
                return (root, ".");
            }

            if (IsUnder(file, root))
            {
                return (root, Path.GetRelativePath(root, file));
            }
        }

        return (null, null);
    }

    /// <summary>True when <paramref name="path"/> is strictly inside <paramref name="directory"/>.</summary>
    public static bool IsUnder(string path, string directory)
    {
        var prefix = directory.EndsWith(Path.DirectorySeparatorChar) ? directory : directory + Path.DirectorySeparatorChar;
        return path.StartsWith(prefix, StringComparison.Ordinal);
    }

    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr RealPath(string path, IntPtr resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void Free(IntPtr pointer);
}
