namespace Harmonie.Cluster.Tests;

/// <summary>A test grain with persistent state in the ADO.NET grain storage.</summary>
[Alias("harmonie.tests.INoteGrain")]
public interface INoteGrain : IGrainWithStringKey
{
    [Alias("Write")]
    Task<NoteSnapshot> WriteAsync(string text);

    [Alias("Read")]
    Task<NoteSnapshot> ReadAsync();

    /// <summary>Clears the note (ClearStorageKey) and the scratch note of the deleting storage (DeleteStorageKey).</summary>
    [Alias("Clear")]
    Task<NoteSnapshot> ClearAsync();

    [Alias("WriteScratch")]
    Task WriteScratchAsync(string text);

    [Alias("Deactivate")]
    Task DeactivateAsync();
}
