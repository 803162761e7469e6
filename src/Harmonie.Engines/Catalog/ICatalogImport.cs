using Harmonie.Engines.Import;

namespace Harmonie.Engines.Catalog;

/// <summary>
/// Takes in a whole library analysed elsewhere (<c>harmonie import</c>): every row or none. When the catalog
/// has no tracks the source ids are kept; otherwise new ids are assigned in source order and reported.
/// A source row whose path the catalog already has is skipped (the catalog's row wins) and reported.
/// Rows with an embedding are marked imported: scans skip them while size and mtime match, whatever
/// their model. Rows without one are stored without model and dimension, so the next scan analyses them.
/// </summary>
public interface ICatalogImport
{
    /// <summary>Stores <paramref name="tracks"/>, enumerated once; an exception from the enumeration undoes everything.</summary>
    Task<ImportSummary> ImportAsync(IEnumerable<ImportedTrack> tracks, CancellationToken cancellationToken);
}
