namespace Harmonie.Analysis;

/// <summary>
/// Stateless worker that decodes and analyses one file on the local silo; concurrency per silo is
/// limited to <c>HARMONIE_WORKERS</c>.
/// </summary>
[Alias("harmonie.IAnalyzerGrain")]
public interface IAnalyzerGrain : IGrainWithIntegerKey
{
    [Alias("Analyze")]
    [ResponseTimeout("02:00:00")]
    Task<AnalysisResult> AnalyzeAsync(string path, AnalysisKind kind, CancellationToken cancellationToken);
}
