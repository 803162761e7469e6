namespace Harmonie.Cluster.Tests;

/// <summary>The note as the grain holds it, its storage etag, and which activation on which silo answered.</summary>
[GenerateSerializer, Immutable, Alias("harmonie.tests.NoteSnapshot")]
public sealed record NoteSnapshot(
    [property: Id(0)] string Text,
    [property: Id(1)] string? ETag,
    [property: Id(2)] bool RecordExists,
    [property: Id(3)] string Silo,
    [property: Id(4)] string Activation);
