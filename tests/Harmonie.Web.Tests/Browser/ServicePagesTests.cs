using Harmonie.TestSupport;
using Harmonie.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Harmonie.Web.Tests.Browser;

/// <summary>The pages the service shows a person besides its API: the API docs and the Orleans dashboard.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ServicePagesTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly ToneLibrary _library = ToneLibrary.Create(2, seconds: 2);
    private HarmonieTestServer _server = null!;

    public async Task InitializeAsync() => _server = await HarmonieTestServer.StartAsync([_library.Root]);

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _library.Dispose();
    }

    [Fact]
    public async Task The_api_docs_show_the_operations_offline_and_nothing_of_a_hosted_product()
    {
        var (page, external) = await browser.OpenAsync(_server.Client.BaseAddress!);

        await page.GotoAsync(new Uri(_server.Client.BaseAddress!, "docs/").ToString());
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await BrowserFixture.ScreenshotAsync(page, "docs");
        await page.GetByText("Service status", new() { Exact = true }).First.WaitForAsync(new() { Timeout = 30_000 });

        var text = await page.InnerTextAsync("body");
        Assert.Contains("harmonie", text, StringComparison.Ordinal);
        Assert.Contains("Similar", text, StringComparison.OrdinalIgnoreCase);
        foreach (var hosted in new[] { "Ask AI", "Deploy", "Generate SDK", "Share", "Open in", "MCP" })
        {
            Assert.False(await page.GetByText(hosted, new() { Exact = false }).IsVisibleAsync(), $"'{hosted}' is shown on /docs");
        }

        Assert.Empty(external);
    }

    [Fact]
    public async Task With_an_api_key_the_dashboard_opens_after_the_login_prompt_and_not_without()
    {
        await using var keyed = await HarmonieTestServer.StartAsync([_library.Root], s => s with { ApiKey = "s3cret" });
        var url = new Uri(keyed.Client.BaseAddress!, "dashboard/").ToString();

        var (owner, _) = await browser.OpenAsync(keyed.Client.BaseAddress!, new HttpCredentials { Username = "me", Password = "s3cret" });
        await owner.GotoAsync(url);
        await owner.GetByText("Silos", new() { Exact = false }).First.WaitForAsync(new() { Timeout = 30_000 });

        // Headless Chromium answers the login prompt with the credentials it was given.
        var (stranger, _) = await browser.OpenAsync(keyed.Client.BaseAddress!, new HttpCredentials { Username = "me", Password = "guess" });
        var refused = await stranger.GotoAsync(url);
        Assert.Equal(401, refused!.Status);
        Assert.DoesNotContain("Silos", await stranger.InnerTextAsync("body"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dashboard_shows_this_silo()
    {
        var (page, external) = await browser.OpenAsync(_server.Client.BaseAddress!);

        await page.GotoAsync(new Uri(_server.Client.BaseAddress!, "dashboard/").ToString());
        await page.GetByText("Silos", new() { Exact = false }).First.WaitForAsync(new() { Timeout = 30_000 });
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await BrowserFixture.ScreenshotAsync(page, "dashboard");

        Assert.Contains("Silo", await page.InnerTextAsync("body"), StringComparison.Ordinal);
        Assert.Empty(external);
    }
}
