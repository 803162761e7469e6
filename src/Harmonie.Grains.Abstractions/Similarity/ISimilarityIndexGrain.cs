using Harmonie.Filtering;
using Harmonie.Tracks;

namespace Harmonie.Similarity;

/// <summary>
/// One shard of the similarity index of one embedding model (key: <see cref="SimilarityIndexKey"/>): the tracks'
/// rows (filter columns) and unit vectors, fed by <see cref="TrackChange"/> events and snapshotted to disk.
/// </summary>
[Alias("harmonie.ISimilarityIndexGrain")]
public interface ISimilarityIndexGrain : IGrainWithStringKey
{
    /// <summary>Nearest tracks passing <paramref name="filter"/>, best first, ties by ascending id.</summary>
    [Alias("Search")]
    Task<IReadOnlyList<SimilarMatch>> SearchAsync(float[] query, int limit, TrackFilter filter, long[] exclude, CancellationToken cancellationToken);

    /// <summary>Like <see cref="SearchAsync"/> but with the candidates' vectors, ranked by float64 dot with a float64 query (playlists).</summary>
    [Alias("Nearest")]
    Task<IReadOnlyList<IndexedTrack>> NearestAsync(double[] query, int limit, TrackFilter filter, long[] exclude, CancellationToken cancellationToken);

    [Alias("GetTracks")]
    Task<IReadOnlyList<IndexedTrack>> GetTracksAsync(long[] ids, CancellationToken cancellationToken);

    /// <summary>Rows passing the filter: their count and the first <paramref name="top"/> in <paramref name="order"/>.</summary>
    [Alias("Query")]
    Task<TrackQueryResult> QueryAsync(TrackFilter filter, TrackOrder order, int top, CancellationToken cancellationToken);

    /// <summary>Every row passing the filter, in ascending id order.</summary>
    [Alias("Matching")]
    Task<IReadOnlyList<TrackRecord>> MatchingAsync(TrackFilter filter, CancellationToken cancellationToken);

    [Alias("StyleTallies")]
    Task<IReadOnlyList<StyleTally>> StyleTalliesAsync(double styleMin, CancellationToken cancellationToken);

    [Alias("Apply")]
    Task ApplyAsync(TrackChange change);

    [Alias("Count")]
    Task<int> CountAsync();

    /// <summary>
    /// Re-reads the shard's rows and missing vectors from the catalog: change events queued on a silo that died
    /// are lost with it. Concurrent calls share one pass.
    /// </summary>
    [Alias("Resync")]
    [ResponseTimeout("01:00:00")]
    Task ResyncAsync(CancellationToken cancellationToken);
}
