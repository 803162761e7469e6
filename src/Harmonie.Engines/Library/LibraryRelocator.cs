using Harmonie.Engines.Catalog;

namespace Harmonie.Engines.Library;

/// <summary>
/// Recognises files of a library whose root is no longer configured (a moved or re-mounted library)
/// so their rows are re-pointed instead of re-analysed (BEHAVIOUR.md §2.6): first by relative path with
/// the same size and mtime (verified by fingerprint when one is stored), then by content fingerprint.
/// Relative paths or fingerprints shared by several rows identify nothing. Each row matches once.
/// </summary>
public sealed class LibraryRelocator
{
    private readonly Dictionary<string, TrackFileState> _byRelativePath;
    private readonly Dictionary<string, TrackFileState> _byFingerprint;
    private readonly Func<string, CancellationToken, Task<string>> _fingerprint;

    private LibraryRelocator(
        Dictionary<string, TrackFileState> byRelativePath,
        Dictionary<string, TrackFileState> byFingerprint,
        Func<string, CancellationToken, Task<string>> fingerprint)
    {
        _byRelativePath = byRelativePath;
        _byFingerprint = byFingerprint;
        _fingerprint = fingerprint;
    }

    /// <summary>Files fingerprinted so far (each costs one ≤128 KiB read).</summary>
    public int FingerprintReads { get; private set; }

    /// <summary>Builds a relocator over rows of orphaned roots, or returns null when they identify nothing.</summary>
    public static LibraryRelocator? Create(
        IEnumerable<TrackFileState> orphanedRows, Func<string, CancellationToken, Task<string>>? fingerprint = null)
    {
        var rows = orphanedRows.ToList();
        var byRelativePath = Unique(rows, r => r.RelativePath);
        var byFingerprint = Unique(rows, r => r.Fingerprint);
        if (byRelativePath.Count == 0 && byFingerprint.Count == 0)
        {
            return null;
        }

        return new LibraryRelocator(byRelativePath, byFingerprint, fingerprint ?? FileFingerprint.ComputeAsync);
    }

    /// <summary>Finds the old row <paramref name="file"/> is, if any. Call <see cref="Consume"/> once the move is applied.</summary>
    public async Task<RelocationMatch?> MatchAsync(string path, string relativePath, FileStat stat, CancellationToken cancellationToken)
    {
        string? fingerprint = null;
        if (_byRelativePath.TryGetValue(relativePath, out var row) && stat.Matches(row.Size, row.Mtime))
        {
            if (row.Fingerprint is null)
            {
                return new RelocationMatch(row.Id, row.LibraryRoot!, ByFingerprint: false, NewMtime: null, NewFingerprint: null);
            }

            fingerprint = await FingerprintAsync(path, cancellationToken).ConfigureAwait(false);
            return fingerprint == row.Fingerprint
                ? new RelocationMatch(row.Id, row.LibraryRoot!, ByFingerprint: false, NewMtime: null, NewFingerprint: null)
                : null; // Same name and stat but different bytes: a different file.
        }

        if (_byFingerprint.Count == 0)
        {
            return null;
        }

        fingerprint ??= await FingerprintAsync(path, cancellationToken).ConfigureAwait(false);
        return _byFingerprint.TryGetValue(fingerprint, out row)
            ? new RelocationMatch(row.Id, row.LibraryRoot!, ByFingerprint: true, stat.Mtime, fingerprint)
            : null;
    }

    /// <summary>Removes a row that has been re-pointed, so no other file can claim it.</summary>
    public void Consume(long rowId)
    {
        Remove(_byRelativePath, rowId);
        Remove(_byFingerprint, rowId);
    }

    private async Task<string> FingerprintAsync(string path, CancellationToken cancellationToken)
    {
        FingerprintReads++;
        return await _fingerprint(path, cancellationToken).ConfigureAwait(false);
    }

    private static Dictionary<string, TrackFileState> Unique(List<TrackFileState> rows, Func<TrackFileState, string?> key)
    {
        var result = new Dictionary<string, TrackFileState>(StringComparer.Ordinal);
        var duplicates = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var value = key(row);
            if (value is null || duplicates.Contains(value))
            {
                continue;
            }

            if (!result.TryAdd(value, row))
            {
                result.Remove(value);
                duplicates.Add(value);
            }
        }

        return result;
    }

    private static void Remove(Dictionary<string, TrackFileState> table, long rowId)
    {
        foreach (var (key, row) in table)
        {
            if (row.Id == rowId)
            {
                table.Remove(key);
                return;
            }
        }
    }
}
