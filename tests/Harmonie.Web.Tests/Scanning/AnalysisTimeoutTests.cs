using System.Text.Json.Nodes;
using Harmonie.TestSupport;
using Harmonie.Web.Tests.Infrastructure;

namespace Harmonie.Web.Tests.Scanning;

public sealed class AnalysisTimeoutTests : IDisposable
{
    private readonly ToneLibrary _library = ToneLibrary.Create(3, seconds: 6);

    [Fact]
    public async Task A_file_that_outlasts_the_analysis_timeout_is_recorded_as_timed_out_and_retried_by_the_next_scan()
    {
        await using var server = await HarmonieTestServer.StartAsync([_library.Root], s => s with { AnalysisTimeoutSeconds = 0.05 });

        var scan = await server.ScanAsync();

        Assert.Equal((3L, 0L, 3L), ((long)scan["discovered"]!, (long)scan["full"]!, (long)scan["failed"]!));
        Assert.All(scan["recent_failures"]!.AsArray(), f => Assert.Contains("timed out", (string?)f![1], StringComparison.Ordinal));
        var id = (long)(await server.GetJsonAsync("api/v1/scans"))["items"]![0]!["id"]!;
        var failures = (await server.GetJsonAsync($"api/v1/scans/{id}"))["failures"]!.AsArray();
        Assert.Equal(_library.Files.Select(_library.PathOf).Order(), failures.Select(f => (string)f!["path"]!).Order());
        Assert.All(failures, f => Assert.Contains("timed out", (string?)f!["error"], StringComparison.Ordinal));
        Assert.Empty(await server.ListTracksAsync());

        await server.RestartAsync(s => s with { AnalysisTimeoutSeconds = 600 });
        var retry = await server.ScanAsync();
        Assert.Equal((3L, 0L), ((long)retry["full"]!, (long)retry["failed"]!));
    }

    public void Dispose() => _library.Dispose();
}
