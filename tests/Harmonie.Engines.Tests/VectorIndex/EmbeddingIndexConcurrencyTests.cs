using Harmonie.Engines.VectorIndex;

namespace Harmonie.Engines.Tests.VectorIndex;

public sealed class EmbeddingIndexConcurrencyTests
{
    [Fact]
    public async Task SearchesRunSafelyWhileAWriterUpsertsAndRemoves()
    {
        const int Dimension = 24;
        const int Count = 3000;
        var vectors = ClusteredVectors.Generate(Count, Dimension, clusters: 20, noise: 0.6, seed: 8);
        // A small search slot count proves the slots are shared, not exhausted, under concurrency.
        using var index = new EmbeddingIndex(Dimension, new EmbeddingIndexOptions
        {
            SearchStrategy = VectorSearchStrategy.Graph,
            SearchThreadSlots = 2,
        });
        index.UpsertRange([.. Enumerable.Range(0, 500).Select(i => (long)i)], vectors.AsSpan(0, 500 * Dimension));

        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            for (var i = 500; i < Count; i++)
            {
                index.Upsert(i, vectors.AsSpan(i * Dimension, Dimension));
                if (i % 10 == 0)
                {
                    index.Remove(i - 250);
                }
            }
        });
        var readers = Enumerable.Range(0, 4).Select(r => Task.Run(() =>
        {
            var searches = 0;
            var random = new Random(r);
            while (!writer.IsCompleted || searches < 50)
            {
                var query = vectors.AsSpan(random.Next(Count) * Dimension, Dimension);
                var matches = index.Search(query, 10, r % 2 == 0 ? null : VectorFilter.Excluding(1, 2, 3));
                Assert.Equal(10, matches.Count);
                for (var i = 1; i < matches.Count; i++)
                {
                    Assert.True(VectorMatch.CompareBestFirst(matches[i - 1], matches[i]) < 0);
                }

                searches++;
            }

            return searches;
        })).ToArray();

        await writer;
        var counts = await Task.WhenAll(readers);

        Assert.All(counts, c => Assert.True(c >= 50));
        Assert.Equal(Count - 250, index.Count);
        var query = vectors.AsSpan(0, Dimension);
        var expected = index.SearchExact(query, 10).Select(m => m.Id);
        Assert.True(index.Search(query, 10).Select(m => m.Id).Intersect(expected).Count() >= 9);
    }
}
