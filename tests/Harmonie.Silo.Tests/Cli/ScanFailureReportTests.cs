using Harmonie.Silo.Cli;
using Harmonie.Web.Contracts;

namespace Harmonie.Silo.Tests.Cli;

public sealed class ScanFailureReportTests
{
    [Fact]
    public void Failures_of_unchanged_files_that_failed_before_are_repeats_and_the_rest_are_new()
    {
        var previous = Scan(1, Failure("/m/a.mp3", 10, 100), Failure("/m/b.mp3", 20, 200), Failure("/m/timeout.flac", null, null));
        var current = Scan(2, Failure("/m/a.mp3", 10, 100), Failure("/m/b.mp3", 21, 200), Failure("/m/timeout.flac", null, null), Failure("/m/c.mp3", 5, 5));

        var report = ScanFailureReport.Compare(current, previous);

        Assert.Equal(["/m/a.mp3"], report.Repeated.Select(f => f.Path));
        Assert.Equal(["/m/b.mp3", "/m/timeout.flac", "/m/c.mp3"], report.New.Select(f => f.Path));
        Assert.True(report.HasNewFailures);
        var text = report.Format();
        Assert.Contains("Failed (3):\n  /m/b.mp3: broken", text, StringComparison.Ordinal);
        Assert.Contains("Still failing, unchanged since scan 1 (1):\n  /m/a.mp3: broken", text, StringComparison.Ordinal);
        Assert.EndsWith("Every failure: harmonie scans 2", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_repeats_do_not_count_as_new_but_failures_beyond_the_fetched_page_do()
    {
        var previous = Scan(4, Failure("/m/a.mp3", 1, 1));

        Assert.False(ScanFailureReport.Compare(Scan(5, Failure("/m/a.mp3", 1, 1)), previous).HasNewFailures);
        Assert.True(ScanFailureReport.Compare(Scan(5, Failure("/m/a.mp3", 1, 1)) with { FailuresTotal = 2 }, previous).HasNewFailures);
        Assert.True(ScanFailureReport.Compare(Scan(1, Failure("/m/a.mp3", 1, 1)), null).HasNewFailures);
    }

    private static ScanFailureResponse Failure(string path, long? size, double? mtime) => new(path, "broken", 0, size, mtime);

    private static ScanDetailResponse Scan(long id, params ScanFailureResponse[] failures) => new(
        new ScanHistoryResponse
        {
            Id = id,
            StartedAt = 0,
            Workers = 1,
            Backend = "cpu",
            Model = "m",
            Forced = false,
            HarmonieVersion = "0",
            DescriptorVersion = 1,
            State = "completed",
        },
        failures,
        failures.Length);
}
