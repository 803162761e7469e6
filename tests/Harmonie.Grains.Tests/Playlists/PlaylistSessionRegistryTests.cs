using Harmonie.Grains.Playlists;

namespace Harmonie.Grains.Tests.Playlists;

public sealed class PlaylistSessionRegistryTests
{
    [Fact]
    public void Beyond_the_capacity_the_least_recently_used_session_is_dropped()
    {
        var registry = new PlaylistSessionRegistry(capacity: 2);
        var (a, b, c, d) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        Assert.Empty(registry.Use(a));
        Assert.Empty(registry.Use(b));
        Assert.Empty(registry.Use(a)); // a is now the most recent.
        Assert.Equal([b], registry.Use(c));
        registry.Remove(a);
        Assert.Empty(registry.Use(d));
        Assert.Equal(2, registry.Count);
    }
}
