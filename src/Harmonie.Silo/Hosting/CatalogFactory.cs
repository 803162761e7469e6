using Harmonie.Engines.Catalog;
using Harmonie.Engines.Catalog.LiteDb;
using Harmonie.Engines.Catalog.Postgres;
using Harmonie.Silo.Configuration;

namespace Harmonie.Silo.Hosting;

/// <summary>Opens the catalog the settings name: the embedded LiteDB file, or the cluster's PostgreSQL (schema applied first).</summary>
public static class CatalogFactory
{
    /// <exception cref="CatalogVersionException">The database was written by a newer harmonie.</exception>
    public static async Task<ICatalog> OpenAsync(HarmonieSettings settings, CancellationToken cancellationToken) =>
        settings.Postgres is { } connectionString
            ? await PostgresCatalog.OpenAsync(connectionString, cancellationToken)
            : LiteDbCatalog.Open(settings.DbPath);
}
