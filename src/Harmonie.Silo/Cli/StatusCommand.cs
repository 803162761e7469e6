using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Harmonie.Silo.Configuration;
using Harmonie.Silo.Hosting;

namespace Harmonie.Silo.Cli;

/// <summary><c>harmonie status [--json]</c>: database path, track count, total audio, database size, tracks per model.</summary>
public static class StatusCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print the numbers as JSON." };
        var command = new Command("status", "Show library statistics.") { json };
        command.SetAction((result, ct) => CommandRunner.RunAsync("status", settings => RunAsync(settings, result.GetValue(json), ct)));
        return command;
    }

    private static async Task<int> RunAsync(HarmonieSettings settings, bool json, CancellationToken ct)
    {
        var stats = await ReadAsync(settings, ct);
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(stats, ServerClient.Json));
            return 0;
        }

        var c = CultureInfo.InvariantCulture;
        Console.WriteLine($"Database:     {stats.DbPath}");
        Console.WriteLine($"Tracks:       {stats.Tracks}");
        Console.WriteLine(string.Create(c, $"Total audio:  {stats.TotalDurationSec / 60:0.0} min"));
        Console.WriteLine(string.Create(c, $"DB size:      {stats.DbSizeBytes / 1024.0 / 1024.0:0.00} MiB"));
        foreach (var (model, count) in stats.ByModel)
        {
            Console.WriteLine($"  {model}: {count}");
        }

        return 0;
    }

    private static async Task<LibraryStats> ReadAsync(HarmonieSettings settings, CancellationToken ct)
    {
        using var dataLock = DataDirectoryLock.TryAcquire(settings.DataDir);
        if (dataLock is null && DataDirectoryLock.ReadServerUrl(settings.DataDir) is { } url)
        {
            using var client = new ServerClient(url, settings);
            var s = await client.GetStatusAsync(ct);
            return new LibraryStats(s.Tracks, s.TotalDurationSec, s.TotalBytes, s.ByModel, s.DbPath, s.DbSizeBytes);
        }

        using var catalog = await CatalogFactory.OpenAsync(settings, ct);
        var stats = await catalog.GetStatsAsync(ct);
        return new LibraryStats(stats.Tracks, stats.TotalDurationSec, stats.TotalBytes, stats.ByModel, stats.DbPath, stats.DbSizeBytes);
    }

    private sealed record LibraryStats(
        long Tracks, double TotalDurationSec, long TotalBytes, IReadOnlyDictionary<string, long> ByModel, string DbPath, long DbSizeBytes);
}
