using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using CsCheck;
using Harmonie.TestSupport;
using Harmonie.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Harmonie.Web.Tests.Reliability;

/// <summary>
/// Thousands of generated hostile requests against a scanned library: never a 5xx, every error a
/// <c>{"detail": "..."}</c> body, and memory back near where it started. CsCheck prints the seed and the
/// smallest failing request when one fails.
/// </summary>
[Collection(IsolatedCollection.Name)]
public sealed class HttpFuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Requests = 20_000;
    private readonly ToneLibrary _library = ToneLibrary.Create(6, seconds: 2);
    private HarmonieTestServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await HarmonieTestServer.StartAsync([_library.Root]);
        await _server.ScanAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _library.Dispose();
    }

    [Fact]
    public async Task Generated_requests_never_answer_5xx_always_explain_errors_and_leave_no_memory_behind()
    {
        var before = ManagedBytesAfterCollection();
        var stopwatch = Stopwatch.StartNew();
        var statuses = new Dictionary<int, int>();

        await RequestGenerators.Request.SampleAsync(
            async request =>
            {
                var (status, body) = await SendAsync(request);
                lock (statuses)
                {
                    statuses[status] = statuses.GetValueOrDefault(status) + 1;
                }

                Assert.True(status < 500, $"{status} for {request}: {body}");

                // Kestrel itself refuses request lines over 8 KiB (414) and huge headers (431) before the app runs.
                if (status >= 400 && !(status is 414 or 431 && body.Length == 0))
                {
                    using var json = JsonDocument.Parse(body);
                    Assert.Equal(JsonValueKind.String, json.RootElement.GetProperty("detail").ValueKind);
                }
            },
            iter: Requests,
            threads: 2,
            writeLine: output.WriteLine);

        var after = ManagedBytesAfterCollection();
        output.WriteLine($"{Requests} requests in {stopwatch.Elapsed.TotalSeconds:0.0} s; statuses {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}");
        output.WriteLine($"managed heap after a full collection: {before / 1e6:0.0} MB before, {after / 1e6:0.0} MB after");
        Assert.True(after - before < 64_000_000, $"managed heap grew by {(after - before) / 1e6:0.0} MB");
    }

    private async Task<(int Status, string Body)> SendAsync(FuzzRequest request)
    {
        using var message = new HttpRequestMessage(request.Method, request.PathAndQuery.TrimStart('/'));
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            message.Content.Headers.ContentType = request.ContentType is null ? null : MediaTypeHeaderValue.Parse(request.ContentType);
        }

        using var response = await _server.Client.SendAsync(message);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static long ManagedBytesAfterCollection()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
