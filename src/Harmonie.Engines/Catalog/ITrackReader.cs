using Harmonie.Analysis;
using Harmonie.Catalog;
using Harmonie.Tracks;

namespace Harmonie.Engines.Catalog;

/// <summary>Read side of the catalog.</summary>
public interface ITrackReader
{
    Task<TrackRecord?> GetTrackAsync(long id, CancellationToken cancellationToken);

    Task<TrackRecord?> GetTrackByPathAsync(string path, CancellationToken cancellationToken);

    /// <summary>The tracks that exist among <paramref name="ids"/>, in ascending id order.</summary>
    Task<IReadOnlyList<TrackRecord>> GetTracksAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken);

    Task<TrackPage> ListTracksAsync(TrackListQuery query, CancellationToken cancellationToken);

    /// <summary>The resolution ladder of API.md (path, relative path, tag triple, title with artist or album).</summary>
    Task<TrackRecord?> ResolveAsync(TrackReference reference, CancellationToken cancellationToken);

    Task<CatalogStats> GetStatsAsync(CancellationToken cancellationToken);

    Task<TrackEmbedding?> GetEmbeddingAsync(long id, CancellationToken cancellationToken);

    /// <summary>Every track of a model (null: tracks without one), without vectors, in id order, streamed.</summary>
    IAsyncEnumerable<TrackRecord> StreamTracksAsync(string? model, CancellationToken cancellationToken);

    /// <summary>Every track of a model with its embedding, in id order, streamed (for building an index).</summary>
    IAsyncEnumerable<(TrackRecord Track, TrackEmbedding? Embedding)> StreamModelAsync(string model, CancellationToken cancellationToken);
}
