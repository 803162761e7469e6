using System.CommandLine;
using System.Runtime.InteropServices;
using System.Text.Json;
using Harmonie.Engines.Catalog.LiteDb;
using Harmonie.Silo.Configuration;
using Harmonie.Silo.Hosting;
using Harmonie.Silo.Logging;
using Harmonie.Web.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Harmonie.Silo.Cli;

/// <summary>
/// <c>harmonie scan [--force] [--json]</c>: one scan now. Uses the running server when one owns the data
/// directory, else a silo in this process. First Ctrl-C/SIGTERM cancels gracefully (exit 130 once the scan
/// stopped), a second exits at once with 130. Exit code 0 when nothing new failed; 2 when a file failed that
/// had not failed unchanged in the previous scan; 1 when the scan could not run (no library, none reachable).
/// </summary>
public static class ScanCommand
{
    public const int Interrupted = 130;
    public const int NewFailures = 2;

    public static Command Create()
    {
        var force = new Option<bool>("--force") { Description = "Re-extract every track even if size and mtime match." };
        var json = new Option<bool>("--json") { Description = "Print the final scan state as JSON." };
        var command = new Command("scan", "Scan the configured libraries once and print a summary.") { force, json };
        command.SetAction((result, ct) => CommandRunner.RunAsync("scan", settings => RunAsync(settings, result.GetValue(force), result.GetValue(json))));
        return command;
    }

    private static async Task<int> RunAsync(HarmonieSettings settings, bool force, bool json)
    {
        var interactive = !json && AnsiConsole.Profile.Capabilities.Interactive && !Console.IsErrorRedirected;
        using var dataLock = DataDirectoryLock.TryAcquire(settings.DataDir);
        if (dataLock is null)
        {
            if (DataDirectoryLock.ReadServerUrl(settings.DataDir) is not { } url)
            {
                await Console.Error.WriteLineAsync($"scan: another harmonie process is using {settings.DataDir}");
                return 1;
            }

            await Console.Error.WriteLineAsync($"scan: using the running server at {url}");
            using var client = new ServerClient(url, settings);
            return await DriveAsync(new HttpScanDriver(client), force, json, interactive);
        }

        if (settings.IsClusterMember)
        {
            await Console.Error.WriteLineAsync("scan: in cluster mode scans run on the silos: start one with POST /api/v1/scan, or run this beside `harmonie serve`");
            return 1;
        }

        if (settings.Libraries.Count == 0)
        {
            await Console.Error.WriteLineAsync("scan: no library configured: set HARMONIE_LIBRARIES to your music folder(s)");
            return 1;
        }

        using var catalog = LiteDbCatalog.Open(settings.DbPath);
        var deferredLogs = interactive ? new DeferredLogProvider(settings.LogLevel) : null;
        using var host = ScanHost.Build(settings, catalog, deferredLogs);
        await host.StartAsync();
        try
        {
            return await DriveAsync(new GrainScanDriver(host.Services.GetRequiredService<IGrainFactory>(), catalog), force, json, interactive, deferredLogs);
        }
        finally
        {
            await host.StopAsync();
            deferredLogs?.Flush(Console.Error);
        }
    }

    private static async Task<int> DriveAsync(IScanDriver driver, bool force, bool json, bool interactive, DeferredLogProvider? deferredLogs = null)
    {
        using var stop = new CancellationTokenSource();
        var interrupts = 0;
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            if (Interlocked.Increment(ref interrupts) > 1)
            {
                Console.Error.WriteLine("scan: interrupted again, exiting");
                Environment.Exit(Interrupted);
            }

            Console.Error.WriteLine("scan: cancelling (press Ctrl-C again to exit immediately)");
            _ = driver.CancelAsync(CancellationToken.None);
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

        var state = await driver.StartAsync(force, stop.Token);
        state = await ScanProgressView.FollowAsync(driver, state, interactive, stop.Token);
        deferredLogs?.Flush(Console.Error);
        Console.WriteLine(json ? JsonSerializer.Serialize(state, ServerClient.Json) : ScanProgressView.Summary(state));

        var report = await ReportFailuresAsync(driver, state, stop.Token);
        if (Volatile.Read(ref interrupts) > 0)
        {
            return Interrupted;
        }

        if (state.State == "error")
        {
            await Console.Error.WriteLineAsync($"scan: {state.LastError}");
            return 1;
        }

        return report?.HasNewFailures == true ? NewFailures : 0;
    }

    /// <summary>Names the failed files on stderr, new ones apart from those that failed unchanged in the previous scan.</summary>
    private static async Task<ScanFailureReport?> ReportFailuresAsync(IScanDriver driver, ScanStateResponse state, CancellationToken ct)
    {
        if (state.Failed == 0 || state.ScanId is not { } scanId || await driver.GetScanDetailAsync(scanId, ct) is not { } current)
        {
            return null;
        }

        var previous = scanId > 1 ? await driver.GetScanDetailAsync(scanId - 1, ct) : null;
        var report = ScanFailureReport.Compare(current, previous);
        await Console.Error.WriteLineAsync(report.Format());
        return report;
    }
}
