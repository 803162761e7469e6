using Harmonie.Analysis;
using Harmonie.Engines.Audio;
using Harmonie.Engines.Descriptors;
using Harmonie.TestSupport;
using Harmonie.TestSupport.Evaluation;

namespace Harmonie.Engines.Tests.Descriptors;

/// <summary>Decodes and analyses every labelled developer clip once for all the tests that read the results.</summary>
public sealed class DevClipFixture
{
    public DevClipFixture()
    {
        var labels = LabelledClip.LoadAll(TestData.Audio("labels.csv"));
        Essentia = EssentiaReference.LoadAll(Path.Combine(TestData.EssentiaReferenceDirectory, "dev_descriptors.csv"));
        var decoder = new FfmpegAudioDecoder(FfmpegAudioDecoder.Locate() ?? "ffmpeg");
        var extractor = new DescriptorExtractor();
        var results = new List<(LabelledClip, AudioDescriptors?)>();
        foreach (var clip in labels.Values.OrderBy(c => c.Path, StringComparer.Ordinal))
        {
            var session = extractor.Begin();
            try
            {
                decoder.DecodeAsync(TestData.Audio(clip.Path), AnalysisAudio.SampleRate, session, CancellationToken.None)
                    .GetAwaiter().GetResult();
            }
            catch (AudioDecodeException)
            {
                results.Add((clip, null));
                continue;
            }

            var descriptors = session.Complete();
            ByPath[clip.Path] = descriptors;
            results.Add((clip, descriptors));
        }

        Scorecard = DescriptorEvaluator.Score(results, Essentia);
    }

    public Dictionary<string, AudioDescriptors> ByPath { get; } = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, EssentiaReference> Essentia { get; }

    public DescriptorScorecard Scorecard { get; }
}
