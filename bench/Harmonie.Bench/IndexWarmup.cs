using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Harmonie.Similarity;

namespace Harmonie.Bench;

/// <summary>
/// Follows an index shard from its first activation until it serves full results: the first <c>/similar</c>
/// answer (the shard has re-read its rows), the first answer with <c>limit</c> matches, and the moment the
/// track read last (the highest id: vectors load in id order) has its vector. Optionally waits for the shard's
/// next snapshot, which a restart needs to avoid re-reading the vectors.
/// </summary>
public static class IndexWarmup
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(30);

    /// <param name="cpuAtStart">The process CPU time when <paramref name="since"/> started.</param>
    public static async Task<IndexWarmupResult> WaitAsync(
        BenchHost host, Stopwatch since, TimeSpan cpuAtStart, long probeId, int limit, long lastId, bool waitForSnapshot, CancellationToken cancellationToken)
    {
        using var process = Process.GetCurrentProcess();
        var fullAnswerCpu = 0.0;
        double? firstAnswer = null;
        double? fullAnswer = null;
        while (fullAnswer is null)
        {
            var matches = await SimilarCountAsync(host.Client, probeId, limit, cancellationToken);
            if (matches is { } count)
            {
                firstAnswer ??= since.Elapsed.TotalSeconds;
                if (count >= limit)
                {
                    fullAnswer = since.Elapsed.TotalSeconds;
                    process.Refresh();
                    fullAnswerCpu = (process.TotalProcessorTime - cpuAtStart).TotalSeconds;
                    break;
                }
            }

            await Task.Delay(Poll, cancellationToken);
        }

        var shard = host.Grains.GetGrain<ISimilarityIndexGrain>(SimilarityIndexKey.ForTrack(SyntheticCatalog.Model, lastId, host.Settings.IndexShards));
        var checkpoints = Enumerable.Range(1, 20).Select(i => Math.Max(1, lastId * i / 20)).ToArray();
        var nextProgress = since.Elapsed + ProgressEvery;
        var lastMissing = DateTime.UtcNow;
        while (true)
        {
            var indexed = await shard.GetTracksAsync([lastId], cancellationToken);
            if (indexed is [{ Vector: not null }])
            {
                break;
            }

            lastMissing = DateTime.UtcNow;
            if (since.Elapsed >= nextProgress)
            {
                var present = (await shard.GetTracksAsync(checkpoints, cancellationToken)).Count(t => t.Vector is not null);
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture, $"    … {since.Elapsed.TotalSeconds:F0} s: about {present * 5} % of the vectors indexed  ({BenchMachine.Load()})"));
                nextProgress = since.Elapsed + ProgressEvery;
            }

            await Task.Delay(Poll, cancellationToken);
        }

        var allVectors = since.Elapsed.TotalSeconds;
        double? snapshot = null;
        if (waitForSnapshot)
        {
            var stamps = StampsPath(host);
            while (!File.Exists(stamps) || File.GetLastWriteTimeUtc(stamps) < lastMissing)
            {
                await Task.Delay(Poll * 5, cancellationToken);
            }

            snapshot = since.Elapsed.TotalSeconds;
        }

        return new IndexWarmupResult(firstAnswer ?? fullAnswer.Value, fullAnswer.Value, fullAnswerCpu, allVectors, snapshot);
    }

    /// <summary>The snapshot manifest the shard writes last (see SimilarityIndexGrain's snapshot folder naming).</summary>
    public static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    public static string StampsPath(BenchHost host)
    {
        var key = SimilarityIndexKey.For(SyntheticCatalog.Model, 0);
        var folder = new string([.. key.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_')]);
        return Path.Combine(host.Settings.DataDir, "index", folder, "stamps.bin");
    }

    /// <summary>Matches of <c>/tracks/{id}/similar</c>, or null while the service cannot answer yet.</summary>
    public static async Task<int?> SimilarCountAsync(HttpClient client, long id, int limit, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(string.Create(CultureInfo.InvariantCulture, $"tracks/{id}/similar?limit={limit}"), cancellationToken);
        if (response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.InternalServerError)
        {
            // 500: the grain call timed out (30 s) while the shard was still activating; a client would retry.
            Console.WriteLine($"    … /similar answered {(int)response.StatusCode} {response.ReasonPhrase}; retrying");
            return null;
        }

        response.EnsureSuccessStatusCode();
        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return json.RootElement.GetProperty("matches").GetArrayLength();
    }
}
