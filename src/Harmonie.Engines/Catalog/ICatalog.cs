namespace Harmonie.Engines.Catalog;

/// <summary>The durable truth: tracks, their vectors, and scan history (LiteDB by default, PostgreSQL in a cluster).</summary>
public interface ICatalog : ITrackReader, ITrackWriter, ILibraryStateStore, IScanHistory, IDisposable
{
    /// <summary>Where the catalog lives (the database file path, or a description of the server).</summary>
    string Location { get; }

    /// <summary>The schema version this build writes.</summary>
    int SchemaVersion { get; }
}
