namespace Harmonie.Engines.Catalog;

/// <summary>What scanning needs to know about stored rows of library roots.</summary>
public interface ILibraryStateStore
{
    /// <summary>Rows owned by a library root (its resolved path is their <c>library_root</c>).</summary>
    Task<IReadOnlyList<TrackFileState>> GetFileStatesAsync(string resolvedRoot, CancellationToken cancellationToken);

    /// <summary>The row at a path, whatever root owns it.</summary>
    Task<TrackFileState?> GetFileStateAsync(string path, CancellationToken cancellationToken);

    /// <summary>Rows whose <c>library_root</c> is set and not among <paramref name="configuredRoots"/>.</summary>
    Task<IReadOnlyList<TrackFileState>> GetOrphanedFileStatesAsync(IReadOnlyCollection<string> configuredRoots, CancellationToken cancellationToken);

    /// <summary>Distinct non-null library roots of stored rows (one cheap query on an unchanged library).</summary>
    Task<IReadOnlyList<string>> GetLibraryRootsAsync(CancellationToken cancellationToken);

    /// <summary>When each root was first seen orphaned (Unix seconds); see docs/SCANNING.md.</summary>
    Task<IReadOnlyDictionary<string, double>> GetOrphanedSinceAsync(CancellationToken cancellationToken);

    Task SetOrphanedSinceAsync(IReadOnlyDictionary<string, double> orphanedSince, CancellationToken cancellationToken);
}
