using Harmonie.Engines.Catalog;
using Harmonie.Engines.Embeddings;
using Harmonie.Grains.Scanning;
using Harmonie.Grains.Tests.Infrastructure;
using Harmonie.Scanning;
using Harmonie.TestSupport;
using Xunit.Abstractions;

namespace Harmonie.Grains.Tests.Scanning;

public sealed class ScanCoordinatorGrainTests(ClusterFixture fixture, ITestOutputHelper output) : IClassFixture<ClusterFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly HarmonieCluster _harmonie = fixture.Harmonie;

    private IScanCoordinatorGrain Coordinator => _harmonie.Coordinator;

    public async Task InitializeAsync()
    {
        // Every test starts from an idle coordinator with no schedule, no roots and no faults.
        _harmonie.Faults.Clear();
        _harmonie.ScanOptions.Libraries = [];
        _harmonie.ScanOptions.ScanOnStartup = false;
        _harmonie.ScanOptions.ScanInterval = TimeSpan.Zero;
        await _harmonie.WaitForScanAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_scan_walks_the_phases_counts_files_and_records_its_history_and_a_second_start_is_a_no_op()
    {
        using var library = ToneLibrary.Create(3, seconds: 2);
        var garbage = TestAudio.Garbage(library.PathOf("garbage.mp3"));
        _harmonie.ScanOptions.Libraries = [library.Root];
        var classifying = _harmonie.Faults.Block(nameof(ILibraryStateStore.GetLibraryRootsAsync));
        var extracting = _harmonie.Faults.Block(nameof(ITrackWriter.SaveAnalysisAsync));
        var pruning = _harmonie.Faults.Block(nameof(ILibraryStateStore.GetOrphanedSinceAsync));

        var started = await Coordinator.StartAsync(force: false);
        var scanId = started.ScanId!.Value;
        Assert.Equal((ScanState.Scanning, ScanPhase.Enumerating), (started.State, started.Phase));
        Assert.Null(started.FinishedAt);

        await classifying.WaitUntilReachedAsync(Patience);
        var status = await Coordinator.GetStatusAsync();
        Assert.Equal((ScanPhase.Classifying, 4L), (status.Phase, status.Counters.Discovered));
        Assert.Equal(ScanHistoryRecordState.Running, (await _harmonie.Store.GetScanAsync(scanId, default))!.State);
        var again = await Coordinator.StartAsync(force: true);
        Assert.Equal((ScanState.Scanning, scanId), (again.State, again.ScanId));

        classifying.Release();
        await extracting.WaitUntilReachedAsync(Patience);
        Assert.Equal(ScanPhase.Extracting, (await Coordinator.GetStatusAsync()).Phase);

        extracting.Release();
        await pruning.WaitUntilReachedAsync(Patience);
        status = await Coordinator.GetStatusAsync();
        Assert.Equal((ScanPhase.Pruning, 3L, 1L), (status.Phase, status.Counters.Full, status.Counters.Failed));

        pruning.Release();
        var done = await _harmonie.WaitForScanAsync();
        Assert.Equal((ScanState.Idle, ScanPhase.Idle, scanId), (done.State, done.Phase, done.ScanId));
        Assert.Equal(new ScanCounters { Discovered = 4, Full = 3, Failed = 1 }, done.Counters);
        Assert.Null(done.LastError);
        Assert.True(done.FinishedAt >= done.StartedAt);
        Assert.True(done.LastDurationSec > 0);
        Assert.Equal(garbage, Assert.Single(done.RecentFailures).Path);

        var history = (await _harmonie.Store.GetScanAsync(scanId, default))!;
        Assert.Equal(ScanHistoryRecordState.Completed, history.State);
        Assert.Equal(done.Counters, history.Counters);
        Assert.False(history.Forced); // The second start (forced) was dropped, not queued.
        Assert.Equal((BuiltinEmbeddingExtractor.Model, 2, 1), (history.Model, history.Workers, history.DescriptorVersion));
        Assert.Equal(done.FinishedAt, history.FinishedAt);
        Assert.Equal(garbage, Assert.Single((await _harmonie.Store.GetScanFailuresAsync(scanId, 10, 0, default)).Items).Path);
        Assert.Null(await _harmonie.Store.GetScanAsync(scanId + 1, default));

        // Rescan: unchanged files are skipped; after a deletion the row is pruned.
        var rescan = await _harmonie.ScanAsync();
        Assert.Equal(new ScanCounters { Discovered = 4, Skipped = 3, Failed = 1 }, rescan.Counters);
        File.Delete(library.PathOf(library.Files[0]));
        var afterDelete = await _harmonie.ScanAsync();
        Assert.Equal(new ScanCounters { Discovered = 3, Skipped = 2, Failed = 1, Removed = 1 }, afterDelete.Counters);
    }

    [Fact]
    public async Task Cancel_stops_a_running_scan_within_two_seconds_and_skips_pruning()
    {
        using var library = ToneLibrary.Create(40, seconds: 2);
        var ghost = await SyntheticTracks.SaveAsync(_harmonie.Store, library.PathOf("deleted.wav"), library.Root, BuiltinEmbeddingExtractor.Model, [1, 0]);
        _harmonie.ScanOptions.Libraries = [library.Root];

        var scanId = (await Coordinator.StartAsync(force: false)).ScanId!.Value;
        await HarmonieCluster.EventuallyAsync(Coordinator.GetStatusAsync, s => s.Counters.Full >= 2, Patience);
        var requested = DateTime.UtcNow;
        var cancelled = await Coordinator.CancelAsync();
        var status = await _harmonie.WaitForScanAsync(TimeSpan.FromSeconds(10));
        var stoppedAfter = DateTime.UtcNow - requested;

        output.WriteLine($"stopped {stoppedAfter.TotalMilliseconds:0} ms after the cancel, {status.Counters.Full} of 40 analysed");
        Assert.True(cancelled);
        Assert.True(stoppedAfter < TimeSpan.FromSeconds(2), $"stopped after {stoppedAfter}");
        Assert.Equal((ScanState.Idle, "cancelled by user"), (status.State, status.LastError));
        Assert.InRange(status.Counters.Full, 2, 39);
        Assert.Equal(0, status.Counters.Removed);
        var history = (await _harmonie.Store.GetScanAsync(scanId, default))!;
        Assert.Equal((ScanHistoryRecordState.Cancelled, "cancelled by user"), (history.State, history.LastError));
        Assert.NotNull(await _harmonie.Store.GetTrackAsync(ghost.Id, default)); // Pruning was skipped.

        // Nothing keeps analysing in the background, and a cancel with no scan running is refused.
        var stored = (await _harmonie.Store.GetFileStatesAsync(library.Root, default)).Count;
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.InRange((await _harmonie.Store.GetFileStatesAsync(library.Root, default)).Count, stored, stored + _harmonie.ScanOptions.Workers);
        Assert.False(await Coordinator.CancelAsync());
    }

    [Fact]
    public async Task When_another_activation_takes_the_scan_over_the_old_one_stops_and_the_new_one_finishes_with_counts_that_add_up()
    {
        using var library = ToneLibrary.Create(60, seconds: 4);
        _harmonie.ScanOptions.Libraries = [library.Root];
        var scanId = (await Coordinator.StartAsync(force: false)).ScanId!.Value;
        await HarmonieCluster.EventuallyAsync(Coordinator.GetStatusAsync, s => s.Counters.Full >= 2, Patience);

        // What a second activation does when it resumes the scan (after the grain directory lost the first one
        // with a dead silo): it writes the persisted state, which changes the state's version under the first.
        var storage = _harmonie.SiloService<Orleans.Storage.IGrainStorage>(ScanCoordinatorGrain.StorageName);
        var stored = new GrainState<ScanCoordinatorState>();
        await storage.ReadStateAsync("coordinator", Coordinator.GetGrainId(), stored);
        await storage.WriteStateAsync("coordinator", Coordinator.GetGrainId(), stored);

        // The first activation stops at its next save and leaves; the next call activates the new owner,
        // which resumes the scan from the stored state and finishes it.
        var done = await _harmonie.WaitForScanAsync(TimeSpan.FromMinutes(2));

        var history = (await _harmonie.Store.GetScanAsync(scanId, default))!;
        output.WriteLine($"finished: full {done.Counters.Full}, skipped {done.Counters.Skipped}, failed {done.Counters.Failed}");
        Assert.Equal((ScanState.Idle, ScanHistoryRecordState.Completed), (done.State, history.State));
        Assert.Equal(60, done.Counters.Discovered);
        Assert.Equal(60, done.Counters.Full + done.Counters.Skipped);
        Assert.Equal(0, done.Counters.Failed);
        Assert.Equal(60, (await _harmonie.Store.GetFileStatesAsync(library.Root, default)).Count);
        Assert.Equal(1, (await _harmonie.Store.ListScansAsync(10, 0, default)).Items.Count(s => s.Id == scanId));
    }

    [Fact]
    public async Task A_phase_that_throws_marks_the_scan_crashed_and_the_state_error_until_the_next_scan()
    {
        using var library = ToneLibrary.Create(2, seconds: 1);
        _harmonie.ScanOptions.Libraries = [library.Root];
        _harmonie.Faults.Fail(nameof(ILibraryStateStore.GetLibraryRootsAsync), new IOException("disk on fire"));

        var crashed = await _harmonie.ScanAsync();

        Assert.Equal((ScanState.Error, ScanPhase.Idle, "IOException: disk on fire"), (crashed.State, crashed.Phase, crashed.LastError));
        var history = (await _harmonie.Store.GetScanAsync(crashed.ScanId!.Value, default))!;
        Assert.Equal((ScanHistoryRecordState.Crashed, "IOException: disk on fire"), (history.State, history.LastError));
        Assert.Equal(2, history.Counters.Discovered);

        var next = await _harmonie.ScanAsync();
        Assert.Equal((ScanState.Idle, null, 2L), (next.State, next.LastError, next.Counters.Full));
    }

    [Fact]
    public async Task Initialize_marks_scans_left_running_by_a_dead_process_as_crashed()
    {
        var orphan = await _harmonie.Store.StartScanAsync(
            new ScanRecord
            {
                StartedAt = 1_700_000_000,
                Workers = 4,
                Backend = "harmonie",
                Model = BuiltinEmbeddingExtractor.Model,
                Forced = false,
                HarmonieVersion = "0.0.1",
                DescriptorVersion = 1,
                State = ScanHistoryRecordState.Running,
            },
            default);
        await _harmonie.Cluster.DeactivateAsync(Coordinator); // A fresh activation, as after a restart.

        await Coordinator.InitializeAsync();

        var row = (await _harmonie.Store.GetScanAsync(orphan, default))!;
        Assert.Equal(ScanHistoryRecordState.Crashed, row.State);
        Assert.Equal(1_700_000_000, row.FinishedAt);
        Assert.False(string.IsNullOrWhiteSpace(row.LastError));
        var status = await Coordinator.GetStatusAsync();
        Assert.Equal((ScanState.Error, orphan), (status.State, status.ScanId)); // As docs/SCANNING.md says, until the next scan.
        Assert.Contains("interrupted", status.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_schedule_keeps_running_after_a_failed_startup_scan_and_a_failed_periodic_scan()
    {
        using var library = ToneLibrary.Create(2, seconds: 1);
        var firstNewScan = (await _harmonie.Store.ListScansAsync(1, 0, default)).Total + 1;
        _harmonie.ScanOptions.Libraries = [library.Root];
        _harmonie.ScanOptions.ScanOnStartup = true;
        _harmonie.ScanOptions.ScanInterval = TimeSpan.FromSeconds(1);
        _harmonie.Faults.Fail(nameof(ILibraryStateStore.GetLibraryRootsAsync), new IOException("library offline"), times: 2);
        await _harmonie.Cluster.DeactivateAsync(Coordinator);
        try
        {
            await Coordinator.InitializeAsync();

            var scans = await HarmonieCluster.EventuallyAsync(
                async () => (await _harmonie.Store.ListScansAsync(10, 0, default)).Items.Where(s => s.Id >= firstNewScan).OrderBy(s => s.Id).ToList(),
                s => s.Any(x => x.State == ScanHistoryRecordState.Completed),
                Patience);

            Assert.Equal(
                [ScanHistoryRecordState.Crashed, ScanHistoryRecordState.Crashed, ScanHistoryRecordState.Completed],
                scans.Take(3).Select(s => s.State));
            Assert.All(scans.Take(2), s => Assert.Equal("IOException: library offline", s.LastError));
            Assert.Equal(2, scans[2].Counters.Full);

            // Each run waits a full interval after the previous one ended.
            Assert.True(scans[1].StartedAt - scans[0].FinishedAt >= 0.9, $"{scans[1].StartedAt - scans[0].FinishedAt} s");
        }
        finally
        {
            _harmonie.ScanOptions.ScanInterval = TimeSpan.Zero;
            await _harmonie.WaitForScanAsync();
            await _harmonie.Cluster.DeactivateAsync(Coordinator);
        }
    }
}
