using Harmonie.Analysis;
using Harmonie.Engines.Audio;
using Harmonie.Engines.Dsp;
using Harmonie.Engines.Embeddings;
using Harmonie.TestSupport;

namespace Harmonie.Engines.Tests.Embeddings;

/// <summary>The real ONNX Runtime path, with tiny models that have the Discogs-EffNet files' names and shapes.</summary>
public sealed class EffnetDiscogsExtractorTests : IDisposable
{
    private static readonly float[] TwelveSeconds = TestSignals.Music(12);
    private readonly TempDirectory _models = new("harmonie-models");

    public void Dispose() => _models.Dispose();

    [Fact]
    public void Locator_loads_the_onnx_model_and_says_so_in_one_line()
    {
        WriteModels();
        var logger = new ListLogger();

        using var extractor = Assert.IsType<EffnetDiscogsExtractor>(EmbeddingModelLocator.Select(_models.Path, logger));

        var line = Assert.Single(logger.Lines);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Information, line.Level);
        Assert.Contains("discogs-effnet-bs64-1", line.Message, StringComparison.Ordinal);
        Assert.Contains(EffnetModelFiles.DynamicBatchModel, line.Message, StringComparison.Ordinal);
        Assert.Contains(EffnetModelFiles.StyleHeadModel, line.Message, StringComparison.Ordinal);
        Assert.Equal("discogs-effnet-bs64-1", extractor.ModelName);
        Assert.Equal(1280, extractor.Dimension);
        Assert.True(extractor.ProducesStyles);
    }

    [Fact]
    public async Task A_decoded_clip_gives_a_1280_d_embedding_400_style_probabilities_and_style_rows()
    {
        WriteModels();
        using var extractor = Load();
        using var session = extractor.Begin();

        await new FfmpegAudioDecoder(FfmpegAudioDecoder.Locate() ?? "ffmpeg")
            .DecodeAsync(TestData.Audio("dev001.mp3"), AnalysisAudio.SampleRate, session, CancellationToken.None);
        var embedding = session.Complete();

        Assert.Equal("discogs-effnet-bs64-1", embedding.Model);
        Assert.Equal(1280, embedding.Vector.Length);
        Assert.All(embedding.Vector, v => Assert.InRange(v, -1f, 1f));
        Assert.Equal(400, embedding.StyleActivations!.Length);
        Assert.All(embedding.StyleActivations, p => Assert.InRange(p, 0f, 1f));
        var rows = StyleRows.Select(embedding.StyleActivations, extractor.StyleLabels!);
        Assert.InRange(rows.Count, 1, 10);
        Assert.All(rows, r => Assert.True(r.Probability >= 0.05));
    }

    [Fact]
    public void The_embedding_is_the_mean_of_the_per_patch_embeddings()
    {
        WriteModels();
        using var extractor = Load();

        var actual = Run(extractor, TwelveSeconds).Vector;

        // Independent path: every frame kept, patches cut by hand, the tiny model's maths done in C#.
        var frames = new AllFrames();
        var frontEnd = new MusicnnMelFrontEnd(frames);
        var resampler = new LinearResampler(44100, 16000, frontEnd);
        TestSignals.Feed(resampler, TwelveSeconds);
        resampler.Flush();
        frontEnd.Complete();
        var patchCount = MelPatcher.PatchesFor(frames.Count);
        Assert.Equal(11, patchCount); // 192000 samples → 751 frames → (751 − 128) / 62 + 1
        var expected = new double[1280];
        for (var p = 0; p < patchCount; p++)
        {
            var patch = frames.Values.GetRange(p * 62 * 96, 128 * 96).ToArray();
            var row = TinyEffnetModels.ExpectedEmbedding(patch);
            for (var j = 0; j < 1280; j++)
            {
                expected[j] += row[j] / (double)patchCount;
            }
        }

        Assert.All(Enumerable.Range(0, 1280), j => Assert.Equal(expected[j], actual[j], 1e-4));
    }

    [Fact]
    public void Results_are_deterministic()
    {
        WriteModels();
        using var extractor = Load();

        var first = Run(extractor, TwelveSeconds);
        var second = Run(extractor, TwelveSeconds);

        Assert.Equal(first.Vector, second.Vector);
        Assert.Equal(first.StyleActivations, second.StyleActivations);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    public void Batch_size_does_not_change_the_results(int batchSize)
    {
        WriteModels();
        using var reference = Load(batchSize: 64);
        using var batched = Load(batchSize: batchSize);

        var expected = Run(reference, TwelveSeconds);
        var actual = Run(batched, TwelveSeconds);

        AssertClose(expected.Vector, actual.Vector);
        AssertClose(expected.StyleActivations!, actual.StyleActivations!);
    }

    [Fact]
    public void A_fixed_batch_bs64_export_gives_the_same_results_as_the_dynamic_one()
    {
        WriteModels();
        using var fixedDir = new TempDirectory("harmonie-models");
        TinyEffnetModels.WriteEmbeddingModel(fixedDir.Combine("discogs-effnet-bs64-1.onnx"), fixedBatch: 64);
        TinyEffnetModels.WriteStyleHead(fixedDir.Combine(EffnetModelFiles.StyleHeadModel));
        using var dynamic = Load();
        using var fixedBatch = EffnetDiscogsExtractor.Load(EffnetModelFiles.Find(fixedDir.Path)!);

        Assert.Equal(64, fixedBatch.BatchSize);
        AssertClose(Run(dynamic, TwelveSeconds).Vector, Run(fixedBatch, TwelveSeconds).Vector);
    }

    [Fact]
    public void Styles_come_from_the_head_and_otherwise_from_the_models_own_activations()
    {
        WriteModels();
        using var withHead = Load();
        File.Delete(_models.Combine(EffnetModelFiles.StyleHeadModel));
        using var withoutHead = Load();

        var head = Run(withHead, TwelveSeconds).StyleActivations!;
        var own = Run(withoutHead, TwelveSeconds).StyleActivations!;

        Assert.Contains(EffnetModelFiles.StyleHeadModel, withHead.Description, StringComparison.Ordinal);
        Assert.Contains("'activations'", withoutHead.Description, StringComparison.Ordinal);
        Assert.True(withoutHead.ProducesStyles);
        Assert.NotEqual(head, own);
    }

    [Fact]
    public void Without_head_or_activations_there_are_no_styles_but_still_an_embedding()
    {
        TinyEffnetModels.WriteEmbeddingModel(_models.Combine(EffnetModelFiles.DynamicBatchModel), withActivations: false);
        using var extractor = Load();

        var embedding = Run(extractor, TwelveSeconds);

        Assert.False(extractor.ProducesStyles);
        Assert.Null(embedding.StyleActivations);
        Assert.Equal(1280, embedding.Vector.Length);
    }

    [Fact]
    public void A_clip_shorter_than_one_patch_gets_one_zero_padded_patch()
    {
        WriteModels();
        using var extractor = Load();
        var oneSecond = TestSignals.Music(1);

        var embedding = Run(extractor, oneSecond);

        Assert.Equal(1280, embedding.Vector.Length);
        Assert.DoesNotContain(embedding.Vector, float.IsNaN);
    }

    [Fact]
    public void Empty_audio_is_an_error_not_an_embedding()
    {
        WriteModels();
        using var extractor = Load();
        using var session = extractor.Begin();

        Assert.Throws<InvalidDataException>(() => session.Complete());
    }

    [Fact]
    public void No_model_files_fall_back_to_the_builtin_embedding_with_one_line()
    {
        var logger = new ListLogger();

        var extractor = EmbeddingModelLocator.Select(_models.Path, logger);

        Assert.IsType<BuiltinEmbeddingExtractor>(extractor);
        var line = Assert.Single(logger.Lines);
        Assert.Contains(BuiltinEmbeddingExtractor.Model, line.Message, StringComparison.Ordinal);
        Assert.Contains("no discogs-effnet", line.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("empty")]
    [InlineData("wrong-shape")]
    [InlineData("garbage")]
    public void A_broken_model_file_falls_back_to_the_builtin_embedding_with_one_warning(string damage)
    {
        var path = _models.Combine(EffnetModelFiles.DynamicBatchModel);
        TinyEffnetModels.WriteEmbeddingModel(path, embeddingWidth: damage == "wrong-shape" ? 640 : 1280);
        var bytes = File.ReadAllBytes(path);
        switch (damage)
        {
            case "truncated":
                File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
                break;
            case "empty":
                File.WriteAllBytes(path, []);
                break;
            case "garbage":
                File.WriteAllBytes(path, Enumerable.Range(0, 5000).Select(i => (byte)(i * 37)).ToArray());
                break;
        }

        var logger = new ListLogger();

        var extractor = EmbeddingModelLocator.Select(_models.Path, logger);

        Assert.IsType<BuiltinEmbeddingExtractor>(extractor);
        var line = Assert.Single(logger.Lines);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, line.Level);
        Assert.Contains(EffnetModelFiles.DynamicBatchModel, line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_shaped_head_keeps_the_embedding_and_says_why_styles_come_from_elsewhere()
    {
        TinyEffnetModels.WriteEmbeddingModel(_models.Combine(EffnetModelFiles.DynamicBatchModel));
        TinyEffnetModels.WriteStyleHead(_models.Combine(EffnetModelFiles.StyleHeadModel), outputWidth: 300);
        var logger = new ListLogger();

        using var extractor = Assert.IsType<EffnetDiscogsExtractor>(EmbeddingModelLocator.Select(_models.Path, logger));

        var line = Assert.Single(logger.Lines);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, line.Level);
        Assert.Contains("[batch,400]", line.Message, StringComparison.Ordinal);
        Assert.Contains("'activations'", line.Message, StringComparison.Ordinal);
    }

    private static TrackEmbedding Run(IEmbeddingExtractor extractor, float[] samples)
    {
        using var session = extractor.Begin();
        TestSignals.Feed(session, samples, block: 10007);
        return session.Complete();
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        var max = expected.Zip(actual, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(max < 1e-5, $"max difference {max}");
    }

    private EffnetDiscogsExtractor Load(int batchSize = 64) =>
        EffnetDiscogsExtractor.Load(EffnetModelFiles.Find(_models.Path)!, new EffnetModelOptions { BatchSize = batchSize });

    private void WriteModels()
    {
        TinyEffnetModels.WriteEmbeddingModel(_models.Combine(EffnetModelFiles.DynamicBatchModel));
        TinyEffnetModels.WriteStyleHead(_models.Combine(EffnetModelFiles.StyleHeadModel));
        TinyEffnetModels.WriteMetadata(_models.Combine(EffnetModelFiles.StyleHeadJson), Discogs400Labels.Bundled);
    }

    private sealed class AllFrames : IMelFrameSink
    {
        public List<float> Values { get; } = [];

        public int Count => Values.Count / 96;

        public void OnFrame(ReadOnlySpan<float> logMel) => Values.AddRange(logMel);
    }
}
