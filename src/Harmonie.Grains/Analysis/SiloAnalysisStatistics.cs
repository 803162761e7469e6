namespace Harmonie.Grains.Analysis;

/// <summary>Analyses completed on this silo since it started (shown by <c>/status</c>, so a cluster's work split is visible).</summary>
public sealed class SiloAnalysisStatistics
{
    private long _completed;

    public long Completed => Interlocked.Read(ref _completed);

    public void RecordCompleted() => Interlocked.Increment(ref _completed);
}
