using Harmonie.Analysis;
using Harmonie.Engines.Catalog;
using Harmonie.Engines.Embeddings;
using Harmonie.Engines.Library;
using Harmonie.Grains.Tests.Infrastructure;
using Harmonie.Scanning;
using Harmonie.TestSupport;
using Orleans.Concurrency;

namespace Harmonie.Grains.Tests.Scanning;

public sealed class LibraryGrainTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly HarmonieCluster _harmonie = fixture.Harmonie;

    [Fact]
    public async Task Enumerate_classify_extract_and_prune_report_their_counters_to_the_coordinator()
    {
        var root = _harmonie.Directory.Combine("library");
        string[] good = ["a/one.wav", "a/two.wav", "b/three.wav"];
        for (var i = 0; i < good.Length; i++)
        {
            WaveFile.PulsedTone(Path.Combine(root, good[i]), 220 + (110 * i), 2);
        }

        var garbage = TestAudio.Garbage(Path.Combine(root, "b/garbage.mp3"));
        File.WriteAllText(Path.Combine(root, "b/notes.txt"), "not audio");
        File.WriteAllBytes(Path.Combine(root, "b/._three.wav"), [0, 5, 22, 7]);
        File.CreateSymbolicLink(Path.Combine(root, "loop.flac"), Path.Combine(root, "loop.flac"));

        // Hold a scan (of no roots) in its classifying phase so the coordinator accepts this library's reports.
        var hold = _harmonie.Faults.Block(nameof(ILibraryStateStore.GetLibraryRootsAsync));
        var scanId = (await _harmonie.Coordinator.StartAsync(force: false)).ScanId!.Value;
        await hold.WaitUntilReachedAsync(Patience);
        var library = _harmonie.Grains.GetGrain<ILibraryGrain>(root);
        try
        {
            var claimed = await library.EnumerateAsync(scanId, 0, Claimed(LibraryPaths.Resolve(Path.Combine(root, good[0]))), countDiscovered: true, default);
            Assert.Equal(3, claimed.Value.Length);
            Assert.Equal(3, (await Counters()).Discovered);

            var paths = await library.EnumerateAsync(scanId, 0, Claimed(), countDiscovered: true, default);
            Assert.Equal(good.Select(g => Path.Combine(root, g)).Append(garbage).Order(), paths.Value.Order());
            Assert.Equal(3 + 4, (await Counters()).Discovered);

            var classification = await library.ClassifyAsync(Request(root), default);
            Assert.Equal(new LibraryClassification { Full = 4 }, classification);

            await library.ExtractAsync(default);
            var afterExtract = await _harmonie.Coordinator.GetStatusAsync();
            Assert.Equal((3L, 1L), (afterExtract.Counters.Full, afterExtract.Counters.Failed));
            var failure = Assert.Single(afterExtract.RecentFailures);
            Assert.Equal(garbage, failure.Path);
            Assert.StartsWith("ffmpeg could not decode the file:", failure.Error, StringComparison.Ordinal);
            var rows = await _harmonie.Store.GetFileStatesAsync(root, default);
            Assert.Equal(good.Order(), rows.Select(r => r.RelativePath!).Order());
            var recorded = Assert.Single((await _harmonie.Store.GetScanFailuresAsync(scanId, 10, 0, default)).Items);
            Assert.Equal((garbage, new FileInfo(garbage).Length), (recorded.Path, recorded.Size));

            // A library grain that lost its walk (its silo died after extraction) walks again instead of pruning everything.
            await _harmonie.Cluster.DeactivateAsync(library);
            Assert.Equal(0, await library.PruneAsync(scanId, 0, Claimed(), default));
            Assert.Equal(good.Order(), (await _harmonie.Store.GetFileStatesAsync(root, default)).Select(r => r.RelativePath!).Order());

            // Second pass after a file was deleted: the rest is skipped, the deleted file's row pruned.
            File.Delete(Path.Combine(root, good[0]));
            Assert.Equal(3, (await library.EnumerateAsync(scanId, 0, Claimed(), countDiscovered: true, default)).Value.Length);
            Assert.Equal(new LibraryClassification { Full = 1, Skipped = 2 }, await library.ClassifyAsync(Request(root), default));
            await library.ExtractAsync(default);
            Assert.Equal(1, await library.PruneAsync(scanId, 0, Claimed(), default));

            Assert.Equal(new ScanCounters { Discovered = 10, Full = 3, Failed = 2 }, await Counters());
            Assert.Equal(good.Skip(1).Order(), (await _harmonie.Store.GetFileStatesAsync(root, default)).Select(r => r.RelativePath!).Order());
        }
        finally
        {
            _harmonie.Faults.Clear();
            hold.Release();
        }

        // The coordinator persisted what the library reported.
        await _harmonie.WaitForScanAsync();
        var history = (await _harmonie.Store.GetScanAsync(scanId, default))!;
        Assert.Equal(ScanHistoryRecordState.Completed, history.State);
        Assert.Equal(new ScanCounters { Discovered = 10, Full = 3, Failed = 2 }, history.Counters);
    }

    [Fact]
    public async Task Classify_relocates_rows_of_an_orphaned_root_by_relative_path_then_by_fingerprint()
    {
        var oldRoot = _harmonie.Directory.Combine("moved-from");
        var newRoot = _harmonie.Directory.Combine("moved-to");
        string[] files = ["same.wav", "renamed.wav", "changed.wav"];
        for (var i = 0; i < files.Length; i++)
        {
            WaveFile.PulsedTone(Path.Combine(oldRoot, files[i]), 300 + (50 * i), 2);
        }

        var scanId = await AnalyseAsync(oldRoot);
        var before = (await _harmonie.Store.GetFileStatesAsync(oldRoot, default)).ToDictionary(r => r.RelativePath!);
        Directory.CreateDirectory(newRoot);
        CopyKeepingMtime(Path.Combine(oldRoot, "same.wav"), Path.Combine(newRoot, "same.wav"));
        File.Copy(Path.Combine(oldRoot, "renamed.wav"), Path.Combine(newRoot, "now-elsewhere.wav"));
        WaveFile.PulsedTone(Path.Combine(newRoot, "changed.wav"), 900, 3);

        var library = _harmonie.Grains.GetGrain<ILibraryGrain>(newRoot);
        await library.EnumerateAsync(scanId, 0, Claimed(), countDiscovered: true, default);
        var classification = await library.ClassifyAsync(Request(newRoot, orphaned: oldRoot), default);

        Assert.Equal(new LibraryClassification { Full = 1, Skipped = 2, MovedByPath = 1, MovedByFingerprint = 1 }, classification);
        var after = (await _harmonie.Store.GetFileStatesAsync(newRoot, default)).ToDictionary(r => r.RelativePath!);
        Assert.Equal(before["same.wav"].Id, after["same.wav"].Id);
        Assert.Equal(before["renamed.wav"].Id, after["now-elsewhere.wav"].Id);
        Assert.Equal(FileStat.Read(Path.Combine(newRoot, "now-elsewhere.wav"))!.Value.Mtime, after["now-elsewhere.wav"].Mtime);
        Assert.False(after.ContainsKey("changed.wav")); // Different content: analysed as a new track, not adopted.
        Assert.Equal(["changed.wav"], (await _harmonie.Store.GetFileStatesAsync(oldRoot, default)).Select(r => r.RelativePath));
    }

    private static Immutable<IReadOnlySet<string>> Claimed(params string[] paths) =>
        new(new HashSet<string>(paths, StringComparer.Ordinal));

    private static ClassifyRequest Request(string root, string? orphaned = null) => new()
    {
        Force = false,
        Model = BuiltinEmbeddingExtractor.Model,
        DescriptorVersion = AnalysisVersions.Descriptors,
        ConfiguredRoots = [root],
        OrphanedRoots = orphaned is null ? [] : [orphaned],
    };

    private static void CopyKeepingMtime(string from, string to)
    {
        File.Copy(from, to);
        File.SetLastWriteTimeUtc(to, File.GetLastWriteTimeUtc(from));
    }

    private async Task<ScanCounters> Counters() => (await _harmonie.Coordinator.GetStatusAsync()).Counters;

    /// <summary>Runs a whole scan of <paramref name="root"/> through the coordinator; returns its id.</summary>
    private async Task<long> AnalyseAsync(string root)
    {
        _harmonie.ScanOptions.Libraries = [root];
        try
        {
            var status = await _harmonie.ScanAsync();
            Assert.Equal(ScanState.Idle, status.State);
            return status.ScanId!.Value;
        }
        finally
        {
            _harmonie.ScanOptions.Libraries = [];
        }
    }
}
