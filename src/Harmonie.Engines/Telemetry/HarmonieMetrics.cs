using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Harmonie.Engines.Telemetry;

/// <summary>
/// harmonie's own instruments on the <see cref="MeterName"/> meter (plain <c>System.Diagnostics.Metrics</c>, so
/// engines and grains record without knowing the exporter). <c>/metrics</c> shows them in the Prometheus format
/// with dots as underscores, units as suffixes and <c>_total</c> on counters; docs/OPERATIONS.md lists them.
/// </summary>
public static class HarmonieMetrics
{
    public const string MeterName = "Harmonie";

    private static readonly Meter Meter = new(MeterName);
    private static readonly ConcurrentDictionary<(string Model, int Shard), int> IndexSizes = new();
    private static readonly ConcurrentDictionary<object, Func<IReadOnlyDictionary<string, long>>> TrackSources = new();

    private static readonly Counter<long> ScansStarted =
        Meter.CreateCounter<long>("harmonie.scans.started", "{scan}", "Scans started (scheduled, startup, API or CLI).");

    private static readonly Counter<long> ScansFinished =
        Meter.CreateCounter<long>("harmonie.scans.finished", "{scan}", "Scans finished, by outcome: completed, cancelled, crashed.");

    private static readonly Counter<long> ScanFiles =
        Meter.CreateCounter<long>("harmonie.scan.files", "{file}", "Files per scan result: full, descriptors_only, skipped, failed, removed.");

    private static readonly Histogram<double> AnalysisDuration = Meter.CreateHistogram<double>(
        "harmonie.analysis.duration", "s", "Time to analyse one file (decode, descriptors, embedding), by kind and outcome.");

    private static readonly Histogram<double> DecodeWait = Meter.CreateHistogram<double>(
        "harmonie.decode.duration", "s", "Time one analysis waited for its decoder (process start and decoding, not the analysis it feeds).");

    private static readonly Histogram<double> IndexQueryDuration = Meter.CreateHistogram<double>(
        "harmonie.index.query.duration", "s", "Time one index shard took to answer a query, by model and shard.");

    private static readonly Histogram<double> PlaylistDuration = Meter.CreateHistogram<double>(
        "harmonie.playlist.duration", "s", "Time to build a playlist or its next batch, by mode.");

    static HarmonieMetrics()
    {
        Meter.CreateObservableGauge(
            "harmonie.index.vectors",
            () => IndexSizes.Select(kv => new Measurement<int>(kv.Value, new("model", kv.Key.Model), new("shard", kv.Key.Shard))),
            "{vector}",
            "Vectors held by each index shard active on this silo.");
        Meter.CreateObservableGauge(
            "harmonie.tracks",
            () => TrackSources.Values
                .SelectMany(source => source())
                .GroupBy(kv => kv.Key, StringComparer.Ordinal)
                .Select(g => new Measurement<long>(g.Sum(kv => kv.Value), new KeyValuePair<string, object?>("model", g.Key))),
            "{track}",
            "Tracks in the catalog per embedding model.");
    }

    /// <summary>
    /// Adds a catalog whose counts the <c>harmonie.tracks</c> gauge reports until the returned handle is disposed.
    /// A service process has one; several hosts in one process (tests) are summed.
    /// </summary>
    public static IDisposable ObserveTracksByModel(Func<IReadOnlyDictionary<string, long>> source)
    {
        var key = new object();
        TrackSources[key] = source;
        return new Registration(() => TrackSources.TryRemove(key, out _));
    }

    public static void ScanStarted() => ScansStarted.Add(1);

    public static void ScanFinished(string outcome, long full, long descriptorsOnly, long skipped, long failed, long removed)
    {
        ScansFinished.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        AddFiles("full", full);
        AddFiles("descriptors_only", descriptorsOnly);
        AddFiles("skipped", skipped);
        AddFiles("failed", failed);
        AddFiles("removed", removed);
    }

    public static void FileAnalysed(string kind, string outcome, TimeSpan elapsed) =>
        AnalysisDuration.Record(elapsed.TotalSeconds, new("kind", kind), new("outcome", outcome));

    public static void DecoderWaited(TimeSpan elapsed) => DecodeWait.Record(elapsed.TotalSeconds);

    public static void IndexQueried(string model, int shard, TimeSpan elapsed) =>
        IndexQueryDuration.Record(elapsed.TotalSeconds, new("model", model), new("shard", shard));

    public static void IndexSize(string model, int shard, int? vectors)
    {
        if (vectors is { } count)
        {
            IndexSizes[(model, shard)] = count;
        }
        else
        {
            IndexSizes.TryRemove((model, shard), out _);
        }
    }

    public static void PlaylistBuilt(string mode, TimeSpan elapsed) =>
        PlaylistDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("mode", mode));

    private static void AddFiles(string result, long count)
    {
        if (count > 0)
        {
            ScanFiles.Add(count, new KeyValuePair<string, object?>("result", result));
        }
    }

    private sealed class Registration(Action remove) : IDisposable
    {
        public void Dispose() => remove();
    }
}
