using System.Globalization;

namespace Harmonie.Bench;

/// <summary>Percentiles of a set of latencies (milliseconds) and the throughput they were measured at.</summary>
public sealed record LatencySummary(int Count, double P50, double P95, double P99, double Max, double Mean, double PerSecond)
{
    public static LatencySummary Of(IReadOnlyCollection<double> milliseconds, TimeSpan wall)
    {
        var sorted = milliseconds.Order().ToArray();
        return new LatencySummary(
            sorted.Length,
            Percentile(sorted, 0.50),
            Percentile(sorted, 0.95),
            Percentile(sorted, 0.99),
            sorted.Length == 0 ? double.NaN : sorted[^1],
            sorted.Length == 0 ? double.NaN : sorted.Average(),
            sorted.Length / Math.Max(wall.TotalSeconds, 1e-9));
    }

    /// <summary>Nearest-rank percentile.</summary>
    public static double Percentile(double[] sorted, double fraction) =>
        sorted.Length == 0 ? double.NaN : sorted[(int)Math.Clamp(Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"p50 {P50,7:F2}  p95 {P95,7:F2}  p99 {P99,7:F2}  max {Max,8:F2} ms  ({Count} req, {PerSecond,6:F0} req/s)");
}
