using System.Collections.Concurrent;
using System.Diagnostics;

namespace Harmonie.Bench;

/// <summary>Runs a request a fixed number of times from a number of concurrent clients and times each call.</summary>
public static class LoadRunner
{
    /// <param name="request">Called with the request number (0 … requests − 1); must throw on a wrong answer.</param>
    public static async Task<LatencySummary> RunAsync(int clients, int requests, Func<int, Task> request, int warmup = 20)
    {
        for (var i = 0; i < Math.Min(warmup, requests); i++)
        {
            await request(requests + i);
        }

        var latencies = new ConcurrentBag<double>();
        var next = -1;
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
        return LatencySummary.Of(latencies, wall.Elapsed);
    }
}
