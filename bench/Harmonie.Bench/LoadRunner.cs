using System.Collections.Concurrent;
using System.Diagnostics;

namespace Harmonie.Bench;

/// <summary>Runs a request a fixed number of times from a number of concurrent clients and times each call.</summary>
public static class LoadRunner
{
    private static readonly TimeSpan WarmupTime = TimeSpan.FromSeconds(2);

    /// <param name="request">Called with the request number (0 … requests − 1); must throw on a wrong answer.</param>
    /// <param name="warmup">
    /// Untimed requests first (at least this many, and for at least two seconds), so the JIT has tiered the hot
    /// paths up as in a long-running service.
    /// </param>
    public static async Task<LatencySummary> RunAsync(int clients, int requests, Func<int, Task> request, int warmup = 20)
    {
        var warming = Stopwatch.StartNew();
        for (var i = 0; i < warmup || warming.Elapsed < WarmupTime; i++)
        {
            await request(requests + i);
        }

        var latencies = new ConcurrentBag<double>();
        var next = -1;
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var gen2Before = GC.CollectionCount(2);
        var pauseBefore = GC.GetTotalPauseDuration();
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int number;
            while ((number = Interlocked.Increment(ref next)) < requests)
            {
                var started = Stopwatch.GetTimestamp();
                await request(number);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })));
        var elapsed = wall.Elapsed;
        process.Refresh();
        var gc = new GcActivity(GC.CollectionCount(2) - gen2Before, GC.GetTotalPauseDuration() - pauseBefore, GC.GetTotalAllocatedBytes() - allocatedBefore);
        return LatencySummary.Of(latencies, elapsed, process.TotalProcessorTime - cpuBefore, gc);
    }
}
