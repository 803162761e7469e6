namespace Harmonie.Grains.Tests.Infrastructure;

/// <summary>One <see cref="HarmonieCluster"/> per test class; derived fixtures seed the catalog first.</summary>
public class ClusterFixture : IAsyncLifetime
{
    public HarmonieCluster Harmonie { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Harmonie = await HarmonieCluster.StartAsync();
        await SeedAsync(Harmonie);
    }

    public async Task DisposeAsync() => await Harmonie.DisposeAsync();

    protected virtual Task SeedAsync(HarmonieCluster harmonie) => Task.CompletedTask;
}
