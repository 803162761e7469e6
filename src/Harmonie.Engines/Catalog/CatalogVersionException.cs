namespace Harmonie.Engines.Catalog;

/// <summary>The database was written by a newer harmonie; this build refuses to touch it.</summary>
public sealed class CatalogVersionException(string message) : Exception(message);
