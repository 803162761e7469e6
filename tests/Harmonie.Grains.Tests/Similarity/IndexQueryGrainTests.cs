using Harmonie.Filtering;
using Harmonie.Grains.Tests.Infrastructure;
using Harmonie.Similarity;
using Harmonie.TestSupport;
using Harmonie.Tracks;

namespace Harmonie.Grains.Tests.Similarity;

public sealed class IndexQueryGrainTests(QueryLibraryFixture fixture) : IClassFixture<QueryLibraryFixture>
{
    private static readonly IReadOnlyList<(TrackRecord Track, float[]? Vector)> Rows = QueryLibraryFixture.Rows;
    private readonly HarmonieCluster _harmonie = fixture.Harmonie;

    private IIndexQueryGrain Query => _harmonie.Grains.GetGrain<IIndexQueryGrain>(0);

    [Fact]
    public async Task Similar_merges_both_shards_best_first()
    {
        var result = await Query.SimilarAsync(1, 5, includeSelf: false, TrackFilter.None, default);

        var expected = Ranked(1).Where(x => x.Id != 1).Take(5).ToList();
        Assert.True(result.Found);
        Assert.Equal(expected.Select(x => x.Id), result.Matches.Select(m => m.Track.Id));
        Assert.All(result.Matches.Zip(expected), p => Assert.Equal(p.Second.Score, p.First.Score, 5));
        Assert.Contains(result.Matches, m => m.Track.Id % 2 == 0);
        Assert.Contains(result.Matches, m => m.Track.Id % 2 == 1);
    }

    [Fact]
    public async Task Similar_can_include_the_track_itself_and_apply_a_filter()
    {
        var withSelf = await Query.SimilarAsync(4, 3, includeSelf: true, TrackFilter.None, default);
        var filter = new TrackFilter { Bpm = new NumericRange(100, 130) };
        var filtered = await Query.SimilarAsync(4, 10, includeSelf: false, filter, default);

        Assert.Equal(4, withSelf.Matches[0].Track.Id);
        Assert.Equal(1.0, withSelf.Matches[0].Score, 5);
        Assert.Equal(
            Ranked(4).Where(x => x.Id != 4 && Rows[(int)x.Id - 1].Track.Descriptors.Bpm is >= 100 and <= 130).Select(x => x.Id),
            filtered.Matches.Select(m => m.Track.Id));
    }

    [Fact]
    public async Task Similar_tells_an_unknown_track_from_a_track_without_embedding()
    {
        var unknown = await Query.SimilarAsync(999, 5, false, TrackFilter.None, default);
        var noEmbedding = await Query.SimilarAsync(QueryLibraryFixture.NoEmbeddingTrack, 5, false, TrackFilter.None, default);
        var otherModel = await Query.SimilarAsync(QueryLibraryFixture.OtherModelTrack, 5, false, TrackFilter.None, default);

        Assert.False(unknown.Found);
        Assert.True(noEmbedding.Found);
        Assert.Empty(noEmbedding.Matches);
        Assert.Empty(otherModel.Matches); // The only track of its model.
    }

    [Fact]
    public async Task A_filtered_listing_pages_over_every_model_in_list_order()
    {
        var all = Rows.Select(r => r.Track).OrderBy(t => t.Descriptors.Bpm ?? double.NegativeInfinity).ThenBy(t => t.Id).Select(t => t.Id).ToList();
        var ids = new List<long>();
        for (var offset = 0; offset < all.Count; offset += 5)
        {
            var page = await Query.ListAsync(new TrackListQuery { Limit = 5, Offset = offset, OrderBy = TrackOrder.Bpm }, TrackFilter.None, default);
            Assert.Equal(all.Count, page.Total);
            ids.AddRange(page.Items.Select(t => t.Id));
        }

        var filter = new TrackFilter { Bpm = new NumericRange(100, null), Scale = "minor" };
        var filtered = await Query.ListAsync(new TrackListQuery { Limit = 2, Offset = 1, OrderBy = TrackOrder.Duration }, filter, default);
        var matching = Rows.Select(r => r.Track)
            .Where(t => t.Descriptors.Bpm >= 100 && t.Descriptors.Scale == "minor")
            .OrderBy(t => t.Duration).ThenBy(t => t.Id).ToList();
        var ofModel = await Query.ListAsync(new TrackListQuery { Model = QueryLibraryFixture.OtherModel }, TrackFilter.None, default);

        Assert.Equal(all, ids);
        Assert.Equal(matching.Count, filtered.Total);
        Assert.Equal(matching.Skip(1).Take(2).Select(t => t.Id), filtered.Items.Select(t => t.Id));
        Assert.Equal([QueryLibraryFixture.OtherModelTrack], ofModel.Items.Select(t => t.Id));
    }

    [Fact]
    public async Task Genres_and_styles_add_up_the_style_rows_of_both_shards()
    {
        var genres = await Query.GenresAsync(0, default);
        var styles = await Query.StylesAsync(0, null, default);
        var electronic = await Query.StylesAsync(0.4, "electronic", default);

        // Techno: five rows at 0.9 (odd ids), five at 0.3 (even ids) and the row without embedding at 0.5.
        var techno = styles.Single(s => s.Style == "Electronic---Techno");
        Assert.Equal((11L, 0.9), (techno.TrackCount, techno.MaxProbability));
        Assert.Equal(((5 * 0.9) + (5 * 0.3) + 0.5) / 11, techno.MeanProbability, 10);
        var ambient = styles.Single(s => s.Style == "Electronic---Ambient");
        Assert.Equal((3L, 0.65), (ambient.TrackCount, Math.Round(ambient.MaxProbability, 10)));
        Assert.Equal((0.35 + 0.5 + 0.65) / 3, ambient.MeanProbability, 10);
        Assert.Equal(["Electronic---Techno", "Electronic---Ambient", "Rock---Shoegaze"], styles.Select(s => s.Style));

        Assert.Equal(["Electronic", "Rock"], genres.Select(g => g.Genre));
        var electronicGenre = genres[0];
        Assert.Equal((14L, 2), (electronicGenre.TrackCount, electronicGenre.StyleCount));
        Assert.Equal(((5 * 0.9) + (5 * 0.3) + 0.5 + 0.35 + 0.5 + 0.65) / 14, electronicGenre.MeanProbability, 10);

        // A minimum probability drops rows below it (all of shard 0's techno rows) before counting.
        Assert.Equal(["Electronic---Techno", "Electronic---Ambient"], electronic.Select(s => s.Style));
        Assert.Equal((6L, 2L), (electronic[0].TrackCount, electronic[1].TrackCount));
    }

    /// <summary>The 3-d model's tracks by cosine to <paramref name="id"/>, best first, ties by id.</summary>
    private static IEnumerable<(long Id, double Score)> Ranked(long id)
    {
        var query = Rows[(int)id - 1].Vector!;
        return Rows.Where(r => r.Track.Model == QueryLibraryFixture.Model)
            .Select(r => (r.Track.Id, Score: ReferenceCosine.Of(query, r.Vector!)))
            .OrderByDescending(x => x.Score).ThenBy(x => x.Id);
    }
}
