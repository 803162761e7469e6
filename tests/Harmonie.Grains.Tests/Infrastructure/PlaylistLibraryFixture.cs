using Harmonie.TestSupport;

namespace Harmonie.Grains.Tests.Infrastructure;

/// <summary>A cluster whose catalog holds <see cref="PlaylistFixtureCatalog"/> (ids kept), with every vector loaded into the index.</summary>
public sealed class PlaylistLibraryFixture : ClusterFixture
{
    protected override async Task SeedAsync(HarmonieCluster harmonie)
    {
        await SyntheticTracks.ImportAsync(harmonie.Store, PlaylistFixtureCatalog.Rows);
        await IndexReady.WaitAsync(harmonie, PlaylistFixtureCatalog.Rows);
    }
}
