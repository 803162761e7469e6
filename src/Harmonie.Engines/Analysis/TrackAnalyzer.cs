using Harmonie.Analysis;
using Harmonie.Engines.Audio;
using Harmonie.Engines.Descriptors;
using Harmonie.Engines.Embeddings;
using Harmonie.Engines.Library;
using Harmonie.Engines.Tags;
using Microsoft.Extensions.Logging;

namespace Harmonie.Engines.Analysis;

/// <summary>
/// Analyses one file: tags, then a single streaming decode at 44.1 kHz fanned out to the descriptor
/// and embedding sessions, then the fingerprint. A descriptor failure leaves descriptors empty; a
/// decode or embedding failure fails the file.
/// </summary>
public sealed class TrackAnalyzer(
    IAudioDecoder decoder,
    IDescriptorExtractor descriptors,
    IEmbeddingExtractor embeddings,
    ILogger<TrackAnalyzer> logger)
{
    /// <summary>The embedding model new analyses produce.</summary>
    public string ModelName => embeddings.ModelName;

    public int EmbeddingDimension => embeddings.Dimension;

    public async Task<AnalysisResult> AnalyzeAsync(string path, AnalysisKind kind, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var tags = TagReader.Read(path);
        var descriptorSession = new GuardedDescriptorSession(descriptors.Begin(), path, logger);
        using var embeddingSession = kind == AnalysisKind.Full ? embeddings.Begin() : null;
        IPcmSink[] sinks = embeddingSession is null ? [descriptorSession] : [descriptorSession, embeddingSession];

        var decoded = await decoder.DecodeAsync(path, AnalysisAudio.SampleRate, new FanOutSink(sinks), cancellationToken)
            .ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();

        var embedding = embeddingSession?.Complete();
        return new AnalysisResult
        {
            Duration = decoded.DurationSeconds,
            Tags = tags,
            Descriptors = descriptorSession.Complete(),
            Embedding = embedding,
            Styles = embedding?.StyleActivations is { } activations && embeddings.StyleLabels is { } labels
                ? StyleRows.Select(activations, labels)
                : [],
            Fingerprint = kind == AnalysisKind.Full ? await TryFingerprintAsync(path, cancellationToken).ConfigureAwait(false) : null,
        };
    }

    private static async Task<string?> TryFingerprintAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await FileFingerprint.ComputeAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}
