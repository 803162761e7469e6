using Harmonie.Engines.Library;
using Harmonie.TestSupport;

namespace Harmonie.Engines.Tests.Library;

public sealed class LibraryWalkerTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void Files_and_folders_whose_names_are_not_utf8_are_reported_not_skipped_silently()
    {
        Touch("fine.mp3");
        RunBash($"cd '{_dir.Path}' && touch $'caf\\xe9.mp3' $'notes\\xe9.txt' && mkdir $'album\\xff' && touch $'album\\xff/01.flac'");
        var errors = new List<(string Path, string Error)>();

        var found = LibraryWalker.Enumerate(_dir.Path, new HashSet<string>(), (path, error) => errors.Add((path, error))).ToList();

        Assert.Equal(["fine.mp3"], found.Select(f => Path.GetFileName(f.Path)));
        Assert.Equal(
            [Path.Combine(_dir.Path, "album\uFFFD"), Path.Combine(_dir.Path, "caf\uFFFD.mp3")],
            errors.Select(e => e.Path).Order(StringComparer.Ordinal));
        Assert.All(errors, e => Assert.Equal(LibraryWalker.UndecodableName, e.Error));
    }

    private static void RunBash(string script)
    {
        using var process = System.Diagnostics.Process.Start("bash", ["-c", script])!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }

    [Fact]
    public void Finds_every_scanned_extension_case_insensitively_and_nothing_else()
    {
        string[] audio = ["a.flac", "b.MP3", "c.wav", "d.ogg", "e.oga", "f.m4a", "g.aac", "h.AIFF", "i.aif", "j.wma", "k.opus", "l.alac"];
        foreach (var name in audio.Concat(["cover.jpg", "notes.txt", "x.mp4"]))
        {
            Touch(name);
        }

        var found = Walk(_dir.Path);

        Assert.Equal(audio.Order(StringComparer.Ordinal), found.Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Walks_nested_folders_but_skips_dot_folders_dot_files_and_appledouble()
    {
        Touch("artist/album/01.flac");
        Touch("artist/album/._01.flac");
        Touch(".hidden/secret.mp3");
        Touch("artist/.DS_Store.mp3");
        Touch("top.ogg");

        var found = Walk(_dir.Path).Select(p => Path.GetRelativePath(_dir.Path, p)).ToList();

        Assert.Equal(["artist/album/01.flac", "top.ogg"], found.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Does_not_follow_directory_symlinks_but_counts_file_symlinks()
    {
        Touch("real/x.flac");
        Directory.CreateSymbolicLink(_dir.Combine("linked-dir"), _dir.Combine("real"));
        Touch("elsewhere/y.mp3");
        File.CreateSymbolicLink(_dir.Combine("lib-y.mp3"), _dir.Combine("elsewhere/y.mp3"));
        File.CreateSymbolicLink(_dir.Combine("broken.mp3"), _dir.Combine("missing.mp3"));

        var found = Walk(_dir.Path).Select(p => Path.GetRelativePath(_dir.Path, p)).Order(StringComparer.Ordinal).ToList();

        // lib-y.mp3 is visited before the elsewhere/ folder, so it claims the shared real file.
        Assert.Equal(["lib-y.mp3", "real/x.flac"], found);
    }

    [Fact]
    public void Skips_a_symlink_loop_and_keeps_walking()
    {
        Touch("a.flac");
        File.CreateSymbolicLink(_dir.Combine("loop.mp3"), _dir.Combine("loop.mp3"));
        File.CreateSymbolicLink(_dir.Combine("ping.ogg"), _dir.Combine("pong.ogg"));
        File.CreateSymbolicLink(_dir.Combine("pong.ogg"), _dir.Combine("ping.ogg"));
        Touch("z/b.flac");

        var found = Walk(_dir.Path).Select(p => Path.GetRelativePath(_dir.Path, p)).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(["a.flac", "z/b.flac"], found);
    }

    [Fact]
    public void Deduplicates_by_real_path_across_roots_first_root_wins()
    {
        Touch("music/sub/a.flac");
        Touch("music/b.flac");
        var seen = new HashSet<string>(StringComparer.Ordinal);

        var first = LibraryWalker.Enumerate(_dir.Combine("music"), seen).ToList();
        var nested = LibraryWalker.Enumerate(_dir.Combine("music/sub"), seen).ToList();
        var again = LibraryWalker.Enumerate(_dir.Combine("music"), seen).ToList();

        Assert.Equal(2, first.Count);
        Assert.Empty(nested);
        Assert.Empty(again);
    }

    [Fact]
    public void A_file_root_is_a_candidate_unless_it_is_a_dot_file_and_a_missing_root_yields_nothing()
    {
        var file = Touch("single.mp3");
        var dotFile = Touch("._single.mp3");

        Assert.Single(Walk(file));
        Assert.Empty(Walk(dotFile));
        Assert.Empty(Walk(_dir.Combine("does-not-exist")));
    }

    public void Dispose() => _dir.Dispose();

    private static List<string> Walk(string root) =>
        [.. LibraryWalker.Enumerate(LibraryPaths.Normalise(root), new HashSet<string>(StringComparer.Ordinal)).Select(f => f.Path)];

    private string Touch(string relative)
    {
        var path = _dir.Combine(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, [1, 2, 3]);
        return path;
    }
}
