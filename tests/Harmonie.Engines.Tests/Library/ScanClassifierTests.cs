using Harmonie.Engines.Catalog;
using Harmonie.Engines.Library;

namespace Harmonie.Engines.Tests.Library;

public sealed class ScanClassifierTests
{
    private const string Model = "m1";
    private static readonly FileStat File = new(1000, 1_700_000_000.0);

    [Fact]
    public void New_file_forced_scan_and_changed_size_or_mtime_need_full_analysis()
    {
        Assert.Equal(ScanAction.Full, Classify(null));
        Assert.Equal(ScanAction.Full, Classify(Row(), force: true));
        Assert.Equal(ScanAction.Full, Classify(Row() with { Size = 999 }));
        Assert.Equal(ScanAction.Full, Classify(Row() with { Mtime = File.Mtime - 1.5 }));
    }

    [Fact]
    public void Mtime_within_a_second_counts_as_unchanged()
    {
        Assert.Equal(ScanAction.Skip, Classify(Row() with { Mtime = File.Mtime + 0.9 }));
    }

    [Fact]
    public void A_different_model_is_re_extracted_unless_the_row_was_imported()
    {
        Assert.Equal(ScanAction.Full, Classify(Row() with { Model = "other" }));
        Assert.Equal(ScanAction.Skip, Classify(Row() with { Model = "other", Imported = true }));
    }

    [Fact]
    public void An_older_descriptor_version_gets_a_descriptors_only_refresh()
    {
        Assert.Equal(ScanAction.DescriptorsOnly, Classify(Row() with { DescriptorVersion = 1 }, descriptorVersion: 2));
        Assert.Equal(ScanAction.Skip, Classify(Row() with { DescriptorVersion = 2 }, descriptorVersion: 2));
    }

    private static ScanAction Classify(TrackFileState? row, bool force = false, int descriptorVersion = 1) =>
        ScanClassifier.Classify(File, row, force, Model, descriptorVersion);

    private static TrackFileState Row() => new()
    {
        Id = 1,
        Path = "/m/a.flac",
        Size = File.Size,
        Mtime = File.Mtime,
        Model = Model,
        DescriptorVersion = 1,
    };
}
