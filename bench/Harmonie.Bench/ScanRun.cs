using Harmonie.Scanning;

namespace Harmonie.Bench;

/// <summary>One observed scan: wall time from the POST to idle, the service's own duration, seconds per phase and the counters.</summary>
public sealed record ScanRun(double WallSeconds, double? ServiceSeconds, IReadOnlyList<(ScanPhase Phase, double Seconds)> Phases, ScanCounters Counters)
{
    public double SecondsIn(ScanPhase phase) => Phases.Where(p => p.Phase == phase).Sum(p => p.Seconds);
}
