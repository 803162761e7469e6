using Harmonie.Similarity;
using Harmonie.Tracks;

namespace Harmonie.Grains.Tests.Infrastructure;

/// <summary>Waits until the index shards serve every given track with its vector (shards load vectors in the background).</summary>
public static class IndexReady
{
    public static async Task WaitAsync(HarmonieCluster harmonie, IEnumerable<(TrackRecord Track, float[]? Vector)> rows)
    {
        var shards = harmonie.IndexOptions.Shards;
        foreach (var group in rows.Where(r => r.Vector is not null && r.Track.Model is not null)
                     .GroupBy(r => SimilarityIndexKey.ForTrack(r.Track.Model, r.Track.Id, shards)))
        {
            var shard = harmonie.Grains.GetGrain<ISimilarityIndexGrain>(group.Key);
            long[] ids = [.. group.Select(r => r.Track.Id)];
            var indexed = await HarmonieCluster.EventuallyAsync(
                () => shard.GetTracksAsync(ids, CancellationToken.None),
                t => t.Count == ids.Length && t.All(x => x.Vector is not null));
            Assert.True(indexed.Count == ids.Length && indexed.All(x => x.Vector is not null), $"shard {group.Key} did not load its vectors");
        }
    }
}
