using System.Globalization;

namespace Harmonie.Bench;

/// <summary>Percentiles of a set of latencies (milliseconds) and the throughput they were measured at.</summary>
/// <remarks>CpuPerRequest: process CPU milliseconds per request (all threads), which the other workers' load does not inflate.</remarks>
public sealed record LatencySummary(int Count, double P50, double P95, double P99, double Max, double Mean, double PerSecond, double CpuPerRequest, GcActivity Gc)
{
    public static LatencySummary Of(IReadOnlyCollection<double> milliseconds, TimeSpan wall, TimeSpan cpu, GcActivity gc)
    {
        var sorted = milliseconds.Order().ToArray();
        return new LatencySummary(
            sorted.Length,
            Percentile(sorted, 0.50),
            Percentile(sorted, 0.95),
            Percentile(sorted, 0.99),
            sorted.Length == 0 ? double.NaN : sorted[^1],
            sorted.Length == 0 ? double.NaN : sorted.Average(),
            sorted.Length / Math.Max(wall.TotalSeconds, 1e-9),
            sorted.Length == 0 ? double.NaN : cpu.TotalMilliseconds / sorted.Length,
            gc);
    }

    /// <summary>Nearest-rank percentile.</summary>
    public static double Percentile(double[] sorted, double fraction) =>
        sorted.Length == 0 ? double.NaN : sorted[(int)Math.Clamp(Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"p50 {P50,7:F2}  p95 {P95,7:F2}  p99 {P99,7:F2}  max {Max,8:F2} ms  cpu {CpuPerRequest,6:F2} ms/req  ({Count} req, {PerSecond,5:F0} req/s; {Gc.AllocatedBytes / (1024.0 * 1024.0 * Math.Max(1, Count)):F2} MB alloc/req, {Gc.Gen2Collections} gen2 GCs, GC pauses {Gc.Pauses.TotalMilliseconds:F0} ms)");
}
