using Harmonie.Engines.Catalog;
using Harmonie.Filtering;
using Harmonie.Grains.Tests.Infrastructure;
using Harmonie.Similarity;
using Harmonie.TestSupport;
using Harmonie.Tracks;

namespace Harmonie.Grains.Tests.Similarity;

/// <summary>Each test uses its own model name, so its shards are grains of their own.</summary>
public sealed class SimilarityIndexGrainTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private readonly HarmonieCluster _harmonie = fixture.Harmonie;

    [Fact]
    public async Task Each_shard_loads_its_own_tracks_from_the_catalog_and_ranks_them_by_cosine()
    {
        const string model = "load-4d";
        var tracks = await SeedAsync(model, 10);
        await IndexReady.WaitAsync(_harmonie, tracks.Select(t => (t.Track, (float[]?)t.Vector)));
        float[] query = [1, 0.5f, 0, 0];

        for (var shard = 0; shard < 2; shard++)
        {
            var grain = Shard(model, shard);
            var own = tracks.Where(t => t.Track.Id % 2 == shard).ToList();
            Assert.Equal(own.Count, await grain.CountAsync());

            var matches = await grain.SearchAsync(query, 3, TrackFilter.None, [own[0].Track.Id], default);

            var expected = own.Skip(1).OrderByDescending(t => ReferenceCosine.Of(query, t.Vector)).ThenBy(t => t.Track.Id).Take(3).ToList();
            Assert.Equal(expected.Select(t => t.Track.Id), matches.Select(m => m.Track.Id));
            Assert.All(matches.Zip(expected), p => Assert.Equal(ReferenceCosine.Of(query, p.Second.Vector), p.First.Score, 5));
        }
    }

    [Fact]
    public async Task A_snapshot_written_on_deactivation_serves_the_vectors_after_reactivation_and_offline_changes_are_reconciled()
    {
        const string model = "snapshot-4d";
        var tracks = await SeedAsync(model, 6);
        await IndexReady.WaitAsync(_harmonie, tracks.Select(t => (t.Track, (float[]?)t.Vector)));
        await DeactivateShardsAsync(model);

        // Each shard wrote its vectors and the manifest of the analyses they came from.
        foreach (var shard in new[] { 0, 1 })
        {
            var folder = Path.Combine(_harmonie.IndexOptions.SnapshotDirectory!, $"{model}_{shard}");
            Assert.True(File.Exists(Path.Combine(folder, "vectors.hvix")), folder);
            Assert.True(File.Exists(Path.Combine(folder, "stamps.bin")), folder);
        }

        // While the shards are down: one track deleted, one re-analysed with a new vector, one added.
        var (deleted, changed) = (tracks[0].Track, tracks[1].Track);
        await _harmonie.Store.DeleteTracksAsync([deleted.Id], default);
        float[] changedVector = [0, 0, 0, 1];
        await SyntheticTracks.SaveAsync(_harmonie.Store, changed.Path, changed.LibraryRoot!, model, changedVector, analyzedAt: changed.AnalyzedAt + 60);
        var added = await SyntheticTracks.SaveAsync(_harmonie.Store, "/snapshot/added.flac", "/snapshot", model, [0, 1, 1, 0]);

        // With the catalog refusing to hand out vectors, the unchanged tracks still have theirs: from the snapshot.
        _harmonie.Faults.Fail(nameof(ITrackReader.GetEmbeddingAsync), new IOException("vectors unavailable"), times: 1000);
        long[] all = [.. tracks.Select(t => t.Track.Id).Append(added.Id)];
        var reloaded = await GetTracksAsync(model, all);
        _harmonie.Faults.Clear();

        Assert.DoesNotContain(reloaded, t => t.Track.Id == deleted.Id);
        Assert.Equal(tracks.Count, reloaded.Count);
        Assert.All(reloaded.Where(t => t.Track.Id != changed.Id && t.Track.Id != added.Id), t => Assert.NotNull(t.Vector));
        Assert.Null(reloaded.Single(t => t.Track.Id == added.Id).Vector);
        Assert.Equal(changed.AnalyzedAt + 60, reloaded.Single(t => t.Track.Id == changed.Id).Track.AnalyzedAt);

        // Next activation with the catalog back: the new vectors are read, the rest still come from the snapshot.
        await DeactivateShardsAsync(model);
        var changedShard = Shard(model, (int)(changed.Id % 2));
        var match = (await HarmonieCluster.EventuallyAsync(
            () => changedShard.SearchAsync(changedVector, 1, TrackFilter.None, [], default),
            m => m.Count == 1 && m[0].Track.Id == changed.Id))[0];
        Assert.Equal((changed.Id, 1.0), (match.Track.Id, Math.Round(match.Score, 5))); // The re-analysed vector, not the snapshotted one.
        var final = await HarmonieCluster.EventuallyAsync(() => GetTracksAsync(model, all), t => t.All(x => x.Vector is not null));
        Assert.All(final, t => Assert.NotNull(t.Vector));
    }

    [Fact]
    public async Task Resync_applies_catalog_changes_whose_events_were_lost_with_a_silo()
    {
        const string model = "resync-4d";
        var tracks = await SeedAsync(model, 6);
        await IndexReady.WaitAsync(_harmonie, tracks.Select(t => (t.Track, (float[]?)t.Vector)));

        // Written straight to the catalog: no change event reaches the shards.
        var deleted = tracks[0].Track;
        await _harmonie.Store.DeleteTracksAsync([deleted.Id], default);
        float[] addedVector = [0, 0, 1, 0];
        var added = await SyntheticTracks.SaveAsync(_harmonie.Store, $"/{model}/added.flac", $"/{model}", model, addedVector);
        long[] all = [.. tracks.Select(t => t.Track.Id).Append(added.Id)];
        var before = await GetTracksAsync(model, all);
        Assert.Contains(before, t => t.Track.Id == deleted.Id);
        Assert.DoesNotContain(before, t => t.Track.Id == added.Id);

        await Task.WhenAll(Shard(model, 0).ResyncAsync(default), Shard(model, 1).ResyncAsync(default), Shard(model, 0).ResyncAsync(default));

        var after = await GetTracksAsync(model, all);
        Assert.Equal(all.Where(id => id != deleted.Id).Order(), after.Select(t => t.Track.Id).Order());
        Assert.All(after, t => Assert.NotNull(t.Vector));
        var match = await Shard(model, (int)(added.Id % 2)).SearchAsync(addedVector, 1, TrackFilter.None, [], default);
        Assert.Equal((added.Id, 1.0), (match[0].Track.Id, Math.Round(match[0].Score, 5)));
    }

    [Fact]
    public async Task A_shard_activates_before_its_load_finishes_and_applies_changes_that_arrive_meanwhile()
    {
        // Orleans cancels an activation after 30 s, less than loading a million tracks takes: the load must not
        // be part of it. While the catalog holds the load, the shard takes change events and queries wait.
        const string model = "slow-load-4d";
        var tracks = await SeedAsync(model, 4);
        var shard = Shard(model, 0);
        var own = tracks.Where(t => t.Track.Id % 2 == 0).ToList();
        float[] changedVector = [0, 0, 0, 1];
        var reanalysed = own[0].Track with { AnalyzedAt = own[0].Track.AnalyzedAt + 60 };
        var gate = _harmonie.Faults.Block(nameof(ICatalog.StreamTracksAsync));
        try
        {
            await shard.ApplyAsync(new TrackChange(reanalysed.Id, reanalysed, changedVector)).WaitAsync(TimeSpan.FromSeconds(10));
            await gate.WaitUntilReachedAsync(TimeSpan.FromSeconds(10));
            var count = shard.CountAsync();
            await Task.Delay(200);
            Assert.False(count.IsCompleted, "a query answered before the shard had loaded its rows");

            _harmonie.Faults.Clear();
            gate.Release();
            Assert.Equal(own.Count, await count.WaitAsync(TimeSpan.FromSeconds(30)));
        }
        finally
        {
            _harmonie.Faults.Clear();
            gate.Release();
        }

        var match = await shard.SearchAsync(changedVector, 1, TrackFilter.None, [], default);
        Assert.Equal((own[0].Track.Id, 1.0), (match[0].Track.Id, Math.Round(match[0].Score, 5)));
    }

    private ISimilarityIndexGrain Shard(string model, int shard) =>
        _harmonie.Grains.GetGrain<ISimilarityIndexGrain>(SimilarityIndexKey.For(model, shard));

    private async Task<List<(TrackRecord Track, float[] Vector)>> SeedAsync(string model, int count)
    {
        var tracks = new List<(TrackRecord, float[])>();
        for (var i = 0; i < count; i++)
        {
            float[] vector = [(float)Math.Cos(i * 0.7), (float)Math.Sin(i * 0.7), i % 3 * 0.3f, 0.1f];
            tracks.Add((await SyntheticTracks.SaveAsync(_harmonie.Store, $"/{model}/track{i:D2}.flac", $"/{model}", model, vector), vector));
        }

        return tracks;
    }

    private async Task<List<IndexedTrack>> GetTracksAsync(string model, long[] ids)
    {
        var found = new List<IndexedTrack>();
        foreach (var shard in new[] { 0, 1 })
        {
            found.AddRange(await Shard(model, shard).GetTracksAsync(ids, default));
        }

        return found;
    }

    private async Task DeactivateShardsAsync(string model)
    {
        foreach (var shard in new[] { 0, 1 })
        {
            await _harmonie.Cluster.DeactivateAsync(Shard(model, shard));
        }
    }
}
