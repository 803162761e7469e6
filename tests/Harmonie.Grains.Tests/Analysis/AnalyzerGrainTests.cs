using Harmonie.Analysis;
using Harmonie.Engines.Embeddings;
using Harmonie.Engines.Library;
using Harmonie.Grains.Tests.Infrastructure;

namespace Harmonie.Grains.Tests.Analysis;

public sealed class AnalyzerGrainTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private readonly HarmonieCluster _harmonie = fixture.Harmonie;

    private IAnalyzerGrain Analyzer => _harmonie.Grains.GetGrain<IAnalyzerGrain>(0);

    [Fact]
    public async Task A_full_analysis_returns_duration_tags_descriptors_embedding_and_fingerprint()
    {
        var path = TestAudio.Kick(_harmonie.Directory.Combine("kick.flac"));

        var result = await Analyzer.AnalyzeAsync(path, AnalysisKind.Full, CancellationToken.None);

        Assert.InRange(result.Duration, 7.95, 8.05);
        Assert.Equal(TestAudio.Tags, result.Tags);
        Assert.InRange(result.Descriptors.Bpm!.Value, 118.8, 121.2);
        Assert.NotNull(result.Descriptors.Loudness);
        Assert.NotNull(result.Descriptors.OnsetRate);
        var embedding = result.Embedding!;
        Assert.Equal((BuiltinEmbeddingExtractor.Model, BuiltinEmbeddingExtractor.EmbeddingDimension), (embedding.Model, embedding.Dimension));
        Assert.All(embedding.Vector, v => Assert.True(float.IsFinite(v)));
        Assert.Contains(embedding.Vector, v => v != 0);
        Assert.Empty(result.Styles); // The built-in embedding has no style head.
        Assert.Equal(await FileFingerprint.ComputeAsync(path, CancellationToken.None), result.Fingerprint);
    }

    [Fact]
    public async Task A_descriptors_only_analysis_gives_the_same_descriptors_without_embedding_or_fingerprint()
    {
        var path = TestAudio.Kick(_harmonie.Directory.Combine("kick-descriptors.flac"), seconds: 5);

        var full = await Analyzer.AnalyzeAsync(path, AnalysisKind.Full, CancellationToken.None);
        var descriptorsOnly = await Analyzer.AnalyzeAsync(path, AnalysisKind.DescriptorsOnly, CancellationToken.None);

        Assert.Equal(full.Descriptors, descriptorsOnly.Descriptors);
        Assert.Equal((full.Duration, full.Tags), (descriptorsOnly.Duration, descriptorsOnly.Tags));
        Assert.Null(descriptorsOnly.Embedding);
        Assert.Null(descriptorsOnly.Fingerprint);
    }

    [Fact]
    public async Task A_file_that_does_not_decode_fails_the_call_with_the_decoders_message()
    {
        var path = TestAudio.Garbage(_harmonie.Directory.Combine("garbage.mp3"));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => Analyzer.AnalyzeAsync(path, AnalysisKind.Full, CancellationToken.None));

        Assert.StartsWith("ffmpeg could not decode the file:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancelled_call_stops_the_analysis()
    {
        var path = TestAudio.Kick(_harmonie.Directory.Combine("kick-long.flac"), seconds: 120);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var started = DateTime.UtcNow;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Analyzer.AnalyzeAsync(path, AnalysisKind.Full, cancellation.Token));

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(2), $"took {DateTime.UtcNow - started}");
    }
}
