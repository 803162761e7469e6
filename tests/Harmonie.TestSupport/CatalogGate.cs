namespace Harmonie.TestSupport;

/// <summary>Holds calls of a catalog method (see <see cref="FaultInjectingCatalog.Block"/>) until released.</summary>
public sealed class CatalogGate
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the first call arrives at the gate.</summary>
    public Task Reached => _reached.Task;

    public void Release() => _released.TrySetResult();

    /// <summary>Waits for the first call, failing the test after <paramref name="timeout"/>.</summary>
    public Task WaitUntilReachedAsync(TimeSpan timeout) => Reached.WaitAsync(timeout);

    internal Task PassAsync()
    {
        _reached.TrySetResult();
        return _released.Task;
    }
}
