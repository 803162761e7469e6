using Harmonie.Analysis;
using Harmonie.Engines.Embeddings;
using Harmonie.Engines.Library;
using Harmonie.Filtering;
using Harmonie.Grains.Tests.Infrastructure;
using Harmonie.Similarity;
using Harmonie.Tracks;

namespace Harmonie.Grains.Tests.Tracks;

public sealed class TrackGrainTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private const string Model = BuiltinEmbeddingExtractor.Model;
    private readonly HarmonieCluster _harmonie = fixture.Harmonie;

    [Fact]
    public async Task Analyze_stores_the_row_and_a_shard_of_the_index_serves_it()
    {
        var root = _harmonie.Directory.Combine("analyze");
        var path = TestAudio.Kick(Path.Combine(root, "Kick/01 Kick.flac"));

        var outcome = await AnalyzeAsync(path, root);

        Assert.Equal(TrackOutcomeKind.Full, outcome.Kind);
        var row = (await _harmonie.Store.GetTrackByPathAsync(path, default))!;
        var stat = FileStat.Read(path)!.Value;
        Assert.Equal(outcome.TrackId, row.Id);
        Assert.Equal((root, "Kick/01 Kick.flac", stat.Size, stat.Mtime), (row.LibraryRoot, row.RelativePath, row.Size, row.Mtime));
        Assert.Equal((Model, BuiltinEmbeddingExtractor.EmbeddingDimension, AnalysisVersions.Descriptors), (row.Model, row.EmbeddingDim, row.DescriptorVersion));
        Assert.Equal(TestAudio.Tags, row.Tags);
        Assert.InRange(row.Descriptors.Bpm!.Value, 118.8, 121.2);
        Assert.Equal(await FileFingerprint.ComputeAsync(path, default), row.Fingerprint);
        var embedding = (await _harmonie.Store.GetEmbeddingAsync(row.Id, default))!;

        // The change reached the shard that owns the track (and only that one), vector included.
        var shard = Shard(row.Id);
        var indexed = await HarmonieCluster.EventuallyAsync(() => shard.GetTracksAsync([row.Id], default), t => t.Count == 1);
        TrackAssert.Equal(row, Assert.Single(indexed).Track);
        var match = (await shard.SearchAsync(embedding.Vector, 1, TrackFilter.None, [], default))[0];
        Assert.Equal(row.Id, match.Track.Id);
        Assert.Equal(1.0, match.Score, 5);
        Assert.Empty(await OtherShard(row.Id).GetTracksAsync([row.Id], default));
    }

    [Fact]
    public async Task A_second_analysis_keeps_the_id_and_a_descriptor_refresh_keeps_the_embedding()
    {
        var root = _harmonie.Directory.Combine("again");
        var path = TestAudio.Kick(Path.Combine(root, "kick.flac"), seconds: 4);
        var first = await AnalyzeAsync(path, root);
        var embedding = (await _harmonie.Store.GetEmbeddingAsync(first.TrackId!.Value, default))!;
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-30));

        var second = await AnalyzeAsync(path, root);
        var afterFull = (await _harmonie.Store.GetTrackAsync(first.TrackId.Value, default))!;
        var refresh = await AnalyzeAsync(path, root, AnalysisKind.DescriptorsOnly);
        var afterRefresh = (await _harmonie.Store.GetTrackAsync(first.TrackId.Value, default))!;

        Assert.Equal((TrackOutcomeKind.Full, first.TrackId), (second.Kind, second.TrackId));
        Assert.Equal(FileStat.Read(path)!.Value.Mtime, afterFull.Mtime);
        Assert.Equal((TrackOutcomeKind.DescriptorsOnly, first.TrackId), (refresh.Kind, refresh.TrackId));
        Assert.True(afterRefresh.AnalyzedAt >= afterFull.AnalyzedAt);
        TrackAssert.Equal(afterFull with { AnalyzedAt = afterRefresh.AnalyzedAt }, afterRefresh);
        Assert.Equal(embedding.Vector, (await _harmonie.Store.GetEmbeddingAsync(first.TrackId.Value, default))!.Vector);
    }

    [Fact]
    public async Task A_file_that_vanished_is_reported_and_not_stored()
    {
        var path = _harmonie.Directory.Combine("gone", "missing.flac");

        var outcome = await AnalyzeAsync(path, _harmonie.Directory.Combine("gone"));

        Assert.Equal(TrackOutcomeKind.Vanished, outcome.Kind);
        Assert.Null(await _harmonie.Store.GetTrackByPathAsync(path, default));
    }

    [Fact]
    public async Task A_file_that_does_not_decode_fails_with_the_decoders_message()
    {
        var path = TestAudio.Garbage(_harmonie.Directory.Combine("bad", "garbage.mp3"));

        var outcome = await AnalyzeAsync(path, _harmonie.Directory.Combine("bad"));

        Assert.Equal(TrackOutcomeKind.Failed, outcome.Kind);
        Assert.StartsWith("ffmpeg could not decode the file:", outcome.Error, StringComparison.Ordinal);
        Assert.Null(await _harmonie.Store.GetTrackByPathAsync(path, default));
    }

    [Fact]
    public async Task An_analysis_longer_than_the_timeout_fails_as_timed_out()
    {
        var path = TestAudio.Kick(_harmonie.Directory.Combine("slow", "long.flac"), seconds: 120);
        var timeout = _harmonie.ScanOptions.AnalysisTimeout;
        _harmonie.ScanOptions.AnalysisTimeout = TimeSpan.FromMilliseconds(300);
        try
        {
            var started = DateTime.UtcNow;

            var outcome = await AnalyzeAsync(path, _harmonie.Directory.Combine("slow"));

            Assert.Equal(TrackOutcomeKind.Failed, outcome.Kind);
            Assert.Contains("timed out", outcome.Error, StringComparison.Ordinal);
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(3), $"took {DateTime.UtcNow - started}");
            Assert.Null(await _harmonie.Store.GetTrackByPathAsync(path, default));
        }
        finally
        {
            _harmonie.ScanOptions.AnalysisTimeout = timeout;
        }
    }

    [Fact]
    public async Task Adopt_re_points_a_row_of_an_old_root_keeping_id_and_vector_and_Remove_deletes_it()
    {
        var oldRoot = _harmonie.Directory.Combine("old-root");
        var newRoot = _harmonie.Directory.Combine("new-root");
        var oldPath = TestAudio.Kick(Path.Combine(oldRoot, "a/kick.flac"), seconds: 4);
        var newPath = Path.Combine(newRoot, "a/kick.flac");
        Directory.CreateDirectory(Path.GetDirectoryName(newPath)!);
        File.Copy(oldPath, newPath);
        var id = (await AnalyzeAsync(oldPath, oldRoot)).TrackId!.Value;
        var embedding = (await _harmonie.Store.GetEmbeddingAsync(id, default))!;
        var relocation = new Relocation { TrackId = id, FromRoot = oldRoot, LibraryRoot = newRoot, RelativePath = "a/kick.flac", Mtime = 1_700_000_000 };

        var adopted = await Track(newPath).AdoptAsync(relocation, default);
        var again = await Track(_harmonie.Directory.Combine("third", "a/kick.flac")).AdoptAsync(relocation, default);

        Assert.True(adopted);
        Assert.False(again); // The row no longer belongs to the old root.
        var moved = (await _harmonie.Store.GetTrackAsync(id, default))!;
        Assert.Equal((newPath, newRoot, "a/kick.flac", 1_700_000_000.0), (moved.Path, moved.LibraryRoot, moved.RelativePath, moved.Mtime));
        Assert.Null(await _harmonie.Store.GetTrackByPathAsync(oldPath, default));
        Assert.Equal(embedding.Vector, (await _harmonie.Store.GetEmbeddingAsync(id, default))!.Vector);
        var indexed = await HarmonieCluster.EventuallyAsync(() => Shard(id).GetTracksAsync([id], default), t => t is [{ Track.Path: var p }] && p == newPath);
        TrackAssert.Equal(moved, Assert.Single(indexed).Track);
        Assert.NotNull(indexed[0].Vector);

        var removed = await Track(newPath).RemoveAsync(default);
        var removedAgain = await Track(newPath).RemoveAsync(default);

        Assert.True(removed);
        Assert.False(removedAgain);
        Assert.Null(await _harmonie.Store.GetTrackAsync(id, default));
        Assert.Null(await _harmonie.Store.GetEmbeddingAsync(id, default));
        Assert.Empty(await HarmonieCluster.EventuallyAsync(() => Shard(id).GetTracksAsync([id], default), t => t.Count == 0));
    }

    [Fact]
    public async Task Adopt_is_declined_when_another_row_owns_the_path()
    {
        var oldRoot = _harmonie.Directory.Combine("owned-old");
        var newRoot = _harmonie.Directory.Combine("owned-new");
        var oldPath = TestAudio.Kick(Path.Combine(oldRoot, "kick.flac"), seconds: 3);
        var newPath = TestAudio.Kick(Path.Combine(newRoot, "kick.flac"), seconds: 3);
        var oldId = (await AnalyzeAsync(oldPath, oldRoot)).TrackId!.Value;
        var newId = (await AnalyzeAsync(newPath, newRoot)).TrackId!.Value;

        var adopted = await Track(newPath).AdoptAsync(new Relocation { TrackId = oldId, FromRoot = oldRoot, LibraryRoot = newRoot, RelativePath = "kick.flac" }, default);

        Assert.False(adopted);
        Assert.Equal(oldPath, (await _harmonie.Store.GetTrackAsync(oldId, default))!.Path);
        Assert.Equal(newPath, (await _harmonie.Store.GetTrackAsync(newId, default))!.Path);
    }

    private ITrackGrain Track(string path) => _harmonie.Grains.GetGrain<ITrackGrain>(path);

    private ISimilarityIndexGrain Shard(long id) =>
        _harmonie.Grains.GetGrain<ISimilarityIndexGrain>(SimilarityIndexKey.ForTrack(Model, id, _harmonie.IndexOptions.Shards));

    private ISimilarityIndexGrain OtherShard(long id) =>
        _harmonie.Grains.GetGrain<ISimilarityIndexGrain>(SimilarityIndexKey.ForTrack(Model, id + 1, _harmonie.IndexOptions.Shards));

    private Task<TrackOutcome> AnalyzeAsync(string path, string root, AnalysisKind kind = AnalysisKind.Full)
    {
        var stat = FileStat.Read(path) ?? new FileStat(0, 0);
        var job = new AnalysisJob { Kind = kind, Size = stat.Size, Mtime = stat.Mtime, LibraryRoot = root, RelativePath = Path.GetRelativePath(root, path) };
        return Track(path).AnalyzeAsync(job, default);
    }
}
