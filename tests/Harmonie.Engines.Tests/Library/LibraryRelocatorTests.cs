using Harmonie.Engines.Catalog;
using Harmonie.Engines.Library;

namespace Harmonie.Engines.Tests.Library;

public sealed class LibraryRelocatorTests
{
    private static readonly FileStat Stat = new(500, 1_700_000_000);

    [Fact]
    public async Task Matches_by_relative_path_without_reading_when_no_fingerprint_is_stored()
    {
        var reads = 0;
        var relocator = LibraryRelocator.Create([Row(1, "a/x.flac")], Counting(() => reads++, "fp"))!;

        var match = await relocator.MatchAsync("/new/a/x.flac", "a/x.flac", Stat, CancellationToken.None);

        Assert.Equal(1, match!.RowId);
        Assert.False(match.ByFingerprint);
        Assert.Equal(0, reads);
    }

    [Fact]
    public async Task A_stored_fingerprint_is_verified_and_a_mismatch_means_a_different_file()
    {
        var relocator = LibraryRelocator.Create([Row(1, "a/x.flac", "good")], (_, _) => Task.FromResult("other"))!;

        Assert.Null(await relocator.MatchAsync("/new/a/x.flac", "a/x.flac", Stat, CancellationToken.None));
        Assert.Equal(1, relocator.FingerprintReads);
    }

    [Fact]
    public async Task Falls_back_to_the_content_fingerprint_and_refreshes_the_mtime()
    {
        var relocator = LibraryRelocator.Create([Row(7, "old/name.flac", "abc")], (_, _) => Task.FromResult("abc"))!;
        var copied = Stat with { Mtime = 1_800_000_000 };

        var match = await relocator.MatchAsync("/new/renamed.flac", "renamed.flac", copied, CancellationToken.None);

        Assert.Equal(7, match!.RowId);
        Assert.True(match.ByFingerprint);
        Assert.Equal(copied.Mtime, match.NewMtime);
        Assert.Equal("abc", match.NewFingerprint);
    }

    [Fact]
    public async Task Values_shared_by_several_rows_identify_nothing()
    {
        Assert.Null(LibraryRelocator.Create([Row(1, "x.flac"), Row(2, "x.flac")]));

        var relocator = LibraryRelocator.Create([Row(1, "a.flac", "same"), Row(2, "b.flac", "same"), Row(3, "c.flac")], (_, _) => Task.FromResult("same"))!;
        Assert.Null(await relocator.MatchAsync("/n/z.flac", "z.flac", Stat, CancellationToken.None));
    }

    [Fact]
    public async Task A_consumed_row_cannot_match_again()
    {
        var relocator = LibraryRelocator.Create([Row(1, "a.flac")])!;
        var match = await relocator.MatchAsync("/n/a.flac", "a.flac", Stat, CancellationToken.None);
        relocator.Consume(match!.RowId);

        Assert.Null(await relocator.MatchAsync("/m/a.flac", "a.flac", Stat, CancellationToken.None));
    }

    private static Func<string, CancellationToken, Task<string>> Counting(Action onRead, string value) => (_, _) =>
    {
        onRead();
        return Task.FromResult(value);
    };

    private static TrackFileState Row(long id, string relative, string? fingerprint = null) => new()
    {
        Id = id,
        Path = "/old/" + relative,
        LibraryRoot = "/old",
        RelativePath = relative,
        Size = Stat.Size,
        Mtime = Stat.Mtime,
        DescriptorVersion = 1,
        Fingerprint = fingerprint,
    };
}
