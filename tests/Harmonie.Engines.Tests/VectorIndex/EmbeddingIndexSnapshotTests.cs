using Harmonie.Engines.VectorIndex;
using Harmonie.TestSupport;

namespace Harmonie.Engines.Tests.VectorIndex;

public sealed class EmbeddingIndexSnapshotTests
{
    private const int Dimension = 32;
    private const int Count = 2500;
    private static readonly EmbeddingIndexOptions GraphOnly = new() { SearchStrategy = VectorSearchStrategy.Graph };

    [Fact]
    public async Task SnapshotRoundTripServesIdenticalResultsWithoutRebuildingTheGraph()
    {
        using var directory = new TempDirectory("vector-index");
        using var original = BuildIndex(GraphOnly);
        await original.SaveAsync(directory.Path, watermark: 12345);

        var loaded = await EmbeddingIndex.LoadAsync(directory.Path, GraphOnly);
        using var index = loaded.Index;

        Assert.False(loaded.GraphRebuilt, loaded.RebuildReason);
        Assert.Equal(12345, loaded.Watermark);
        Assert.Equal(original.Count, index.Count);
        Assert.Equal(original.GetIds(), index.GetIds());
        Assert.True(index.TryGetVector(17, out var vector));
        Assert.True(original.TryGetVector(17, out var originalVector));
        Assert.Equal(originalVector, vector);
        foreach (var query in Queries())
        {
            Assert.Equal(original.Search(query, 10), index.Search(query, 10));
        }
    }

    [Fact]
    public async Task SavingAgainReplacesTheSnapshotAndKeepsOneGraphFile()
    {
        using var directory = new TempDirectory("vector-index");
        using var index = BuildIndex(GraphOnly);
        await index.SaveAsync(directory.Path, watermark: 1);
        index.Remove(5);
        index.Upsert(100_000, new float[Dimension]);
        await index.SaveAsync(directory.Path, watermark: 2);

        Assert.Single(Directory.GetFiles(directory.Path, "graph-*"));
        Assert.Empty(Directory.GetFiles(directory.Path, "*.tmp"));
        var loaded = await EmbeddingIndex.LoadAsync(directory.Path, GraphOnly);
        using var reloaded = loaded.Index;
        Assert.False(loaded.GraphRebuilt, loaded.RebuildReason);
        Assert.Equal(2, loaded.Watermark);
        Assert.False(reloaded.Contains(5));
        Assert.True(reloaded.Contains(100_000));
    }

    [Fact]
    public async Task MissingGraphFileIsRebuiltFromTheVectors()
    {
        using var directory = new TempDirectory("vector-index");
        using var original = BuildIndex(GraphOnly);
        await original.SaveAsync(directory.Path);
        File.Delete(Directory.GetFiles(directory.Path, "graph-*").Single());

        var loaded = await EmbeddingIndex.LoadAsync(directory.Path, GraphOnly);
        using var index = loaded.Index;

        Assert.True(loaded.GraphRebuilt);
        Assert.Contains("missing", loaded.RebuildReason, StringComparison.Ordinal);
        AssertSearchesMatchExact(index);
    }

    [Fact]
    public async Task CorruptGraphFileIsRebuiltFromTheVectors()
    {
        using var directory = new TempDirectory("vector-index");
        using var original = BuildIndex(GraphOnly);
        await original.SaveAsync(directory.Path);
        var graphPath = Directory.GetFiles(directory.Path, "graph-*").Single();
        var bytes = await File.ReadAllBytesAsync(graphPath);
        for (var i = bytes.Length / 2; i < (bytes.Length / 2) + 64; i++)
        {
            bytes[i] ^= 0x5A;
        }

        await File.WriteAllBytesAsync(graphPath, bytes);

        var loaded = await EmbeddingIndex.LoadAsync(directory.Path, GraphOnly);
        using var index = loaded.Index;

        Assert.True(loaded.GraphRebuilt);
        Assert.Contains("checksum", loaded.RebuildReason, StringComparison.Ordinal);
        Assert.Equal(Count, index.Count);
        AssertSearchesMatchExact(index);
    }

    [Fact]
    public async Task GraphBuiltWithOtherSettingsIsRebuilt()
    {
        using var directory = new TempDirectory("vector-index");
        using var original = BuildIndex(GraphOnly);
        await original.SaveAsync(directory.Path);

        var loaded = await EmbeddingIndex.LoadAsync(directory.Path, GraphOnly with { Quantization = VectorQuantization.Float32 });
        using var index = loaded.Index;

        Assert.True(loaded.GraphRebuilt);
        AssertSearchesMatchExact(index);
    }

    [Fact]
    public async Task CorruptVectorFileIsAnError()
    {
        using var directory = new TempDirectory("vector-index");
        using var original = BuildIndex(new EmbeddingIndexOptions { SearchStrategy = VectorSearchStrategy.Exact });
        await original.SaveAsync(directory.Path);
        Assert.Empty(Directory.GetFiles(directory.Path, "graph-*"));
        var vectorPath = Path.Combine(directory.Path, "vectors.hvix");
        var bytes = await File.ReadAllBytesAsync(vectorPath);
        bytes[^10] ^= 0x01;
        await File.WriteAllBytesAsync(vectorPath, bytes);

        await Assert.ThrowsAsync<InvalidDataException>(() => EmbeddingIndex.LoadAsync(directory.Path));
        await File.WriteAllBytesAsync(vectorPath, bytes[..^4]);
        await Assert.ThrowsAsync<InvalidDataException>(() => EmbeddingIndex.LoadAsync(directory.Path));
    }

    private static EmbeddingIndex BuildIndex(EmbeddingIndexOptions options)
    {
        var vectors = ClusteredVectors.Generate(Count, Dimension, clusters: 25, noise: 0.6, seed: 21);
        var ids = Enumerable.Range(1, Count).Select(i => (long)i).ToArray();
        var index = new EmbeddingIndex(Dimension, options);
        index.UpsertRange(ids, vectors);
        return index;
    }

    private static IEnumerable<float[]> Queries()
    {
        var queries = ClusteredVectors.Generate(50, Dimension, clusters: 25, noise: 0.6, seed: 21);
        return queries.Chunk(Dimension);
    }

    private static void AssertSearchesMatchExact(EmbeddingIndex index)
    {
        var hits = 0;
        foreach (var query in Queries())
        {
            var expected = index.SearchExact(query, 10).Select(m => m.Id);
            hits += index.Search(query, 10).Select(m => m.Id).Intersect(expected).Count();
        }

        Assert.True(hits >= 495, $"recall@10 {hits / 500.0:F3}");
    }
}
