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
            .Columns(
                new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn(),
                new PercentageColumn(),
                new RemainingTimeColumn(),
                new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("scanning", maxValue: 1);
                while (current.State == "scanning")
                {
                    var (done, total) = Progress(current);
                    task.Description = Markup.Escape($"{current.Phase,-11} {done}/{total} failed {current.Failed} {LastFileName(current)}");
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
        var eta = new EtaEstimator(TimeProvider.System);
        while (current.State == "scanning")
        {
            var (done, total) = Progress(current);
            eta.Observe(current.Phase, done, total);
            if (current.Phase != lastPhase || DateTime.UtcNow - lastLine >= PlainLineInterval)
            {
                await Console.Error.WriteLineAsync(
                    $"scan: {current.Phase} — discovered {current.Discovered}, analysed {done}/{total}, skipped {current.Skipped}, failed {current.Failed}{eta.Describe()}{(current.LastFile is null ? string.Empty : $", last {current.LastFile}")}");
                lastLine = DateTime.UtcNow;
                lastPhase = current.Phase;
            }

            await Task.Delay(PollInterval, cancellationToken);
            current = await driver.GetStatusAsync(cancellationToken);
        }

        return current;
    }

    private static string LastFileName(ScanStateResponse s) =>
        s.LastFile is { } path ? Truncate(Path.GetFileName(path), 40) : string.Empty;

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

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
