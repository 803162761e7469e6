using Harmonie.Engines.Library;
using Harmonie.TestSupport;

namespace Harmonie.Engines.Tests.Library;

public sealed class LibraryPathsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void Normalise_expands_home_and_drops_a_trailing_slash()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

        Assert.Equal(Path.Combine(home, "Music"), LibraryPaths.Normalise("~/Music/"));
        Assert.Equal("/srv/music", LibraryPaths.Normalise("/srv/music/"));
    }

    [Fact]
    public void Split_finds_the_first_root_containing_the_file_through_symlinks()
    {
        Directory.CreateDirectory(_dir.Combine("real/album"));
        File.WriteAllBytes(_dir.Combine("real/album/t.flac"), [1]);
        Directory.CreateSymbolicLink(_dir.Combine("mount"), _dir.Combine("real"));
        var roots = new[] { LibraryPaths.Resolve(_dir.Combine("other")), LibraryPaths.Resolve(_dir.Combine("mount")) };

        var (root, relative) = LibraryPaths.Split(_dir.Combine("mount/album/t.flac"), roots);

        Assert.Equal(LibraryPaths.Resolve(_dir.Combine("real")), root);
        Assert.Equal("album/t.flac", relative);
        Assert.Equal((null, null), LibraryPaths.Split("/nowhere/x.mp3", roots));
    }

    public void Dispose() => _dir.Dispose();
}
