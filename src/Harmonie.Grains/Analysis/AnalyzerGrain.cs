using Harmonie.Analysis;
using Harmonie.Engines.Analysis;
using Orleans.Concurrency;

namespace Harmonie.Grains.Analysis;

/// <summary>
/// Runs the analysis engine on the local silo. Reentrant so one activation serves many callers; the
/// throttle, not the activation count, bounds the CPU work, which runs off the grain scheduler.
/// </summary>
[StatelessWorker]
[Reentrant]
public sealed class AnalyzerGrain(TrackAnalyzer analyzer, AnalysisThrottle throttle, SiloAnalysisStatistics statistics) : Grain, IAnalyzerGrain
{
    public async Task<AnalysisResult> AnalyzeAsync(string path, AnalysisKind kind, CancellationToken cancellationToken)
    {
        using var slot = await throttle.AcquireAsync(cancellationToken);
        var result = await Task.Run(() => analyzer.AnalyzeAsync(path, kind, cancellationToken), cancellationToken);
        statistics.RecordCompleted();
        return result;
    }
}
