using Orleans.Placement;

namespace Harmonie.Cluster.Tests;

/// <summary>Activates on the silo of its caller, so a test decides where the state is loaded.</summary>
[PreferLocalPlacement]
public sealed class NoteGrain(
    [PersistentState("note", ClusterSilo.Storage)] IPersistentState<NoteState> note,
    [PersistentState("scratch", ClusterSilo.DeletingStorage)] IPersistentState<NoteState> scratch) : Grain, INoteGrain
{
    public async Task<NoteSnapshot> WriteAsync(string text)
    {
        note.State.Text = text;
        await note.WriteStateAsync();
        return Snapshot();
    }

    public Task<NoteSnapshot> ReadAsync() => Task.FromResult(Snapshot());

    public async Task<NoteSnapshot> ClearAsync()
    {
        await note.ClearStateAsync();
        await scratch.ClearStateAsync();
        return Snapshot();
    }

    public async Task WriteScratchAsync(string text)
    {
        scratch.State.Text = text;
        await scratch.WriteStateAsync();
    }

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    private NoteSnapshot Snapshot() => new(note.State.Text, note.Etag, note.RecordExists, RuntimeIdentity, GrainContext.ActivationId.ToString());
}
