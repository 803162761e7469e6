using Harmonie.Engines.Audio;
using Harmonie.Engines.Embeddings;
using Harmonie.TestSupport;
using Harmonie.TestSupport.Evaluation;

namespace Harmonie.Engines.Tests.Embeddings;

public sealed class BuiltinEmbeddingExtractorTests
{
    private static readonly FfmpegAudioDecoder Decoder = new(FfmpegAudioDecoder.Locate() ?? "ffmpeg");
    private readonly BuiltinEmbeddingExtractor _extractor = new();

    [Fact]
    public void Has_its_own_model_name_a_small_dimension_and_no_styles()
    {
        Assert.Equal("harmonie-dsp-2", _extractor.ModelName);
        Assert.InRange(_extractor.Dimension, 32, 256);
        Assert.False(_extractor.ProducesStyles);
        Assert.Equal(_extractor.Dimension, BuiltinEmbeddingExtractor.FeatureNames.Count);
        Assert.Equal(_extractor.Dimension, BuiltinEmbeddingExtractor.FeatureNames.Distinct().Count());
    }

    [Fact]
    public void Vectors_are_unit_length_and_independent_of_block_size()
    {
        var signal = TestSignals.Music(10);

        var large = Run(signal, 16384);
        var odd = Run(signal, 999);

        Assert.Equal(_extractor.Dimension, large.Length);
        Assert.Equal(1.0, Math.Sqrt(large.Sum(v => (double)v * v)), 4);
        Assert.Equal(large, odd);
    }

    [Fact]
    public void Silence_and_a_one_second_clip_still_give_finite_vectors()
    {
        Assert.All(Run(new float[44100 * 3], 16384), v => Assert.True(float.IsFinite(v)));
        Assert.All(Run(TestSignals.Music(1), 16384), v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Each_block_weighs_the_same_and_a_short_excerpt_leans_on_timbre()
    {
        using var session = new BuiltinEmbeddingSession();
        TestSignals.Feed(session, TestSignals.Music(10));
        var raw = session.CompleteRaw();

        var full = BlockNorms(BuiltinFeatureStandardisation.Apply(raw, seconds: 10));
        var excerpt = BlockNorms(BuiltinFeatureStandardisation.Apply(raw, seconds: 2));

        Assert.All(full, n => Assert.Equal(full[0], n, 4));
        for (var b = 1; b < excerpt.Length; b++)
        {
            Assert.Equal(excerpt[0] * 2 / 8, excerpt[b], 4); // 2 of the 8 seconds rhythm, harmony and envelopes need
        }
    }

    [Fact]
    public void Empty_audio_is_an_error()
    {
        using var session = _extractor.Begin();
        Assert.Throws<InvalidDataException>(() => session.Complete());
    }

    [Theory]
    [InlineData("tricky/loudness_very_quiet.ogg", 0.99)]
    [InlineData("tricky/loudness_very_loud_limited.ogg", 0.9)]
    public async Task A_quieter_or_limited_copy_gives_nearly_the_same_vector(string copy, double minimumCosine)
    {
        var reference = await EmbedAsync(TestData.Audio("tricky/loudness_reference.ogg"));
        var other = await EmbedAsync(TestData.Audio(copy));

        Assert.True(Cosine(reference, other) > minimumCosine, $"cosine {Cosine(reference, other)}");
    }

    [Fact]
    public async Task Nearest_neighbours_share_the_style_family_far_above_chance()
    {
        // The headline set of docs/BENCHMARKS.md ("Embeddings"): full-length music (no silence, no 1-second file).
        var clips = LabelledClip.Load().Where(c => c.Expect is "ok" or "ok-partial-or-error").ToList();
        var items = new List<(string Family, float[] Vector)>();
        foreach (var clip in clips)
        {
            items.Add((clip.Family, await EmbedAsync(clip.FullPath)));
        }

        // Copies of one clip stay together: the band-limited 11 kHz copy loses everything above 5.5 kHz, the
        // −30 dB copy most of its level, the 150 BPM copy plays the same notes twice as fast.
        var paths = clips.Select(c => c.Path).ToList();
        Assert.Equal("tricky/format.mp3", paths[NearestNeighbour(items, paths.IndexOf("tricky/format_11k_mono.wav"))]);
        Assert.StartsWith("tricky/loudness_", paths[NearestNeighbour(items, paths.IndexOf("tricky/loudness_very_quiet.ogg"))], StringComparison.Ordinal);
        Assert.Contains(paths[NearestNeighbour(items, paths.IndexOf("tricky/octave_150bpm.mp3"))], new[] { "tricky/octave_75bpm.mp3", "tricky/truncated.mp3" });

        var families = items.Select(i => i.Family).ToList();
        var precision = StyleFamilyPrecision.AtK(items);
        var nearest = StyleFamilyPrecision.AtK(items, 1);
        var floor = StyleFamilyPrecision.RandomFloor(families, _extractor.Dimension);

        // Measured 0.818 / 0.897 against a random floor of 0.055 (docs/BENCHMARKS.md, "Embeddings").
        Assert.Equal(39, StyleFamilyPrecision.QueryCount(families));
        Assert.True(precision >= 0.8, $"precision@5 {precision:F3}");
        Assert.True(nearest >= 0.85, $"precision@1 {nearest:F3}");
        Assert.True(floor < 0.1, $"random floor {floor:F3}");
    }

    private static double[] BlockNorms(float[] vector)
    {
        var start = 0;
        return [.. BuiltinFeatureBlocks.All.Select(block =>
        {
            var norm = Math.Sqrt(vector.Skip(start).Take(block.Count).Sum(v => (double)v * v));
            start += block.Count;
            return norm;
        })];
    }

    private static int NearestNeighbour(List<(string Family, float[] Vector)> items, int query) =>
        Enumerable.Range(0, items.Count).Where(i => i != query).MaxBy(i => Cosine(items[query].Vector, items[i].Vector));

    private static double Cosine(float[] a, float[] b) =>
        a.Zip(b, (x, y) => (double)x * y).Sum() / Math.Sqrt(a.Sum(x => (double)x * x) * b.Sum(y => (double)y * y));

    private async Task<float[]> EmbedAsync(string path)
    {
        using var session = _extractor.Begin();
        await Decoder.DecodeAsync(path, AnalysisAudio.SampleRate, session, CancellationToken.None);
        return session.Complete().Vector;
    }

    private float[] Run(float[] signal, int block)
    {
        using var session = _extractor.Begin();
        TestSignals.Feed(session, signal, block);
        return session.Complete().Vector;
    }
}
