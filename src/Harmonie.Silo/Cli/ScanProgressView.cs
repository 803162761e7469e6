using Harmonie.Web.Contracts;
using Spectre.Console;

namespace Harmonie.Silo.Cli;

/// <summary>Shows a running scan: a live progress bar on a terminal, plain progress lines otherwise (on stderr).</summary>
public static class ScanProgressView
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan PlainLineInterval = TimeSpan.FromSeconds(2);

    /// <summary>Polls until the scan is no longer running and returns its final state.</summary>
    public static async Task<ScanStateResponse> FollowAsync(IScanDriver driver, ScanStateResponse current, bool interactive, CancellationToken cancellationToken)
    {
        if (!interactive)
        {
            return await FollowPlainAsync(driver, current, cancellationToken);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("scanning", maxValue: 1);
                while (current.State == "scanning")
                {
                    var (done, total) = Progress(current);
                    task.Description = $"{current.Phase,-12} {done}/{total} (failed {current.Failed})";
                    task.MaxValue = Math.Max(1, total);
                    task.Value = done;
                    await Task.Delay(PollInterval, cancellationToken);
                    current = await driver.GetStatusAsync(cancellationToken);
                }

                task.Value = task.MaxValue;
            });
        return current;
    }

    private static async Task<ScanStateResponse> FollowPlainAsync(IScanDriver driver, ScanStateResponse current, CancellationToken cancellationToken)
    {
        var lastLine = DateTime.MinValue;
        var lastPhase = string.Empty;
        while (current.State == "scanning")
        {
            if (current.Phase != lastPhase || DateTime.UtcNow - lastLine >= PlainLineInterval)
            {
                var (done, total) = Progress(current);
                await Console.Error.WriteLineAsync(
                    $"scan: {current.Phase} — discovered {current.Discovered}, analysed {done}/{total}, skipped {current.Skipped}, failed {current.Failed}");
                lastLine = DateTime.UtcNow;
                lastPhase = current.Phase;
            }

            await Task.Delay(PollInterval, cancellationToken);
            current = await driver.GetStatusAsync(cancellationToken);
        }

        return current;
    }

    /// <summary>Files handled so far against files to handle (everything discovered that was not skipped).</summary>
    private static (long Done, long Total) Progress(ScanStateResponse s)
    {
        var done = s.Full + s.DescriptorsOnly + s.Failed;
        return s.Phase is "extracting" or "pruning"
            ? (done, Math.Max(done, s.Discovered - s.Skipped))
            : (s.Discovered, s.Discovered);
    }

    public static string Summary(ScanStateResponse s) =>
        $"Discovered: {s.Discovered}   Full: {s.Full}   Descriptors-only: {s.DescriptorsOnly}   Skipped: {s.Skipped}   Failed: {s.Failed}   Removed: {s.Removed}";
}
