using System.CommandLine;
using System.Runtime.InteropServices;
using System.Text.Json;
using Harmonie.Engines.Catalog.LiteDb;
using Harmonie.Silo.Configuration;
using Harmonie.Silo.Hosting;
using Harmonie.Web.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Harmonie.Silo.Cli;

/// <summary>
/// <c>harmonie scan [--force] [--json]</c>: one scan now. Uses the running server when one owns the data
/// directory, else a silo in this process. First Ctrl-C/SIGTERM cancels gracefully, a second exits with 130.
/// Exit code 0 when nothing failed, 2 otherwise.
/// </summary>
public static class ScanCommand
{
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
            return await DriveAsync(new HttpScanDriver(client), force, json);
        }

        if (settings.IsClusterMember)
        {
            await Console.Error.WriteLineAsync("scan: in cluster mode scans run on the silos: start one with POST /api/v1/scan, or run this beside `harmonie serve`");
            return 1;
        }

        using var catalog = LiteDbCatalog.Open(settings.DbPath);
        using var host = ScanHost.Build(settings, catalog);
        await host.StartAsync();
        try
        {
            return await DriveAsync(new GrainScanDriver(host.Services.GetRequiredService<IGrainFactory>()), force, json);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static async Task<int> DriveAsync(IScanDriver driver, bool force, bool json)
    {
        using var stop = new CancellationTokenSource();
        var interrupts = 0;
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            if (Interlocked.Increment(ref interrupts) > 1)
            {
                Console.Error.WriteLine("scan: interrupted again, exiting");
                Environment.Exit(130);
            }

            Console.Error.WriteLine("scan: cancelling (press Ctrl-C again to exit immediately)");
            _ = driver.CancelAsync(CancellationToken.None);
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

        var state = await driver.StartAsync(force, stop.Token);
        var interactive = !json && AnsiConsole.Profile.Capabilities.Interactive && !Console.IsErrorRedirected;
        state = await ScanProgressView.FollowAsync(driver, state, interactive, stop.Token);
        Console.WriteLine(json ? JsonSerializer.Serialize(state, ServerClient.Json) : ScanProgressView.Summary(state));
        return state.Failed == 0 ? 0 : 2;
    }
}
