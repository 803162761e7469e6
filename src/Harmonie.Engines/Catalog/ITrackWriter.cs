using Harmonie.Analysis;
using Harmonie.Tracks;

namespace Harmonie.Engines.Catalog;

/// <summary>Write side of the catalog: each call is one atomic, durable change.</summary>
public interface ITrackWriter
{
    /// <summary>Inserts or replaces the row at <see cref="TrackWrite.Path"/>, keeping its id (BEHAVIOUR.md §4.3).</summary>
    Task<TrackRecord> SaveAnalysisAsync(TrackWrite write, CancellationToken cancellationToken);

    /// <summary>Updates descriptors, tags, duration and version of the row at a path; null if there is none.</summary>
    Task<TrackRecord?> RefreshDescriptorsAsync(string path, AnalysisResult result, double analyzedAt, CancellationToken cancellationToken);

    /// <summary>
    /// Re-points a row that still belongs to <paramref name="fromRoot"/> to a new location; false when the row
    /// moved meanwhile or another row already owns the new path.
    /// </summary>
    Task<bool> RelocateAsync(long id, string fromRoot, TrackLocation location, double? mtime, string? fingerprint, CancellationToken cancellationToken);

    /// <summary>Stores a fingerprint only if the row still has that size and an mtime within tolerance.</summary>
    Task<bool> SetFingerprintAsync(long id, string fingerprint, long size, double mtime, CancellationToken cancellationToken);

    /// <summary>Deletes rows (and their vectors); returns the rows that existed.</summary>
    Task<IReadOnlyList<TrackRecord>> DeleteTracksAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken);
}
