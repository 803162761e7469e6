using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Harmonie.Silo.Configuration;
using Harmonie.Silo.Hosting;
using Harmonie.Web.Contracts;

namespace Harmonie.Silo.Cli;

/// <summary><c>harmonie scans [id] [--limit N] [--json]</c>: the scan history, or one scan with its failures.</summary>
public static class ScansCommand
{
    public static Command Create()
    {
        var id = new Argument<long?>("scan_id") { Description = "Show one scan in detail.", Arity = ArgumentArity.ZeroOrOne };
        var limit = new Option<int>("--limit") { Description = "How many scans to list.", DefaultValueFactory = _ => 10 };
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var command = new Command("scans", "Show the scan history.") { id, limit, json };
        command.SetAction((result, ct) => CommandRunner.RunAsync(
            "scans", settings => RunAsync(settings, result.GetValue(id), result.GetValue(limit), result.GetValue(json), ct)));
        return command;
    }

    private static async Task<int> RunAsync(HarmonieSettings settings, long? id, int limit, bool json, CancellationToken ct)
    {
        using var dataLock = DataDirectoryLock.TryAcquire(settings.DataDir);
        using var client = dataLock is null && DataDirectoryLock.ReadServerUrl(settings.DataDir) is { } url ? new ServerClient(url, settings) : null;
        using var catalog = client is null ? await CatalogFactory.OpenAsync(settings, ct) : null;

        if (id is { } scanId)
        {
            var detail = client is not null ? await client.GetScanDetailAsync(scanId, ct) : await ScanHistoryReader.ReadDetailAsync(catalog!, scanId, ct);
            if (detail is null)
            {
                await Console.Error.WriteLineAsync($"Scan {scanId} not found.");
                return 1;
            }

            Console.WriteLine(json ? JsonSerializer.Serialize(detail, ServerClient.Json) : ScanHistoryFormatter.Detail(detail));
            return 0;
        }

        var page = client is not null ? await client.ListScansAsync(limit, ct) : await ScanHistoryReader.ReadPageAsync(catalog!, limit, ct);
        Console.WriteLine(json
            ? JsonSerializer.Serialize(new { page.Items, page.Total }, ServerClient.Json)
            : ScanHistoryFormatter.List(page.Items, page.Total));
        return 0;
    }
}
