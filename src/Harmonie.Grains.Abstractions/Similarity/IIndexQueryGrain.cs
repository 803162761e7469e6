using Harmonie.Filtering;
using Harmonie.Tracks;

namespace Harmonie.Similarity;

/// <summary>Stateless worker that fans queries out over the index shards and merges their answers.</summary>
[Alias("harmonie.IIndexQueryGrain")]
public interface IIndexQueryGrain : IGrainWithIntegerKey
{
    [Alias("Similar")]
    Task<SimilarResult> SimilarAsync(long trackId, int limit, bool includeSelf, TrackFilter filter, CancellationToken cancellationToken);

    /// <summary>A filtered listing over every model (or <see cref="TrackListQuery.Model"/>).</summary>
    [Alias("List")]
    Task<TrackPage> ListAsync(TrackListQuery query, TrackFilter filter, CancellationToken cancellationToken);

    [Alias("Genres")]
    Task<IReadOnlyList<GenreSummary>> GenresAsync(double styleMin, CancellationToken cancellationToken);

    [Alias("Styles")]
    Task<IReadOnlyList<StyleSummary>> StylesAsync(double styleMin, string? genre, CancellationToken cancellationToken);
}
