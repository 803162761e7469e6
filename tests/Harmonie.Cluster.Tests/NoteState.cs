namespace Harmonie.Cluster.Tests;

[GenerateSerializer, Alias("harmonie.tests.NoteState")]
public sealed class NoteState
{
    [Id(0)] public string Text { get; set; } = "";
}
