using Microsoft.Playwright;

namespace Harmonie.Web.Tests.Browser;

/// <summary>
/// Debian's Chromium driven by Playwright (its bundled driver; no browser download). Pages run offline: every
/// request to another host is refused and recorded, so a test can assert a page needs nothing from outside.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots go (beside the test binaries), to be opened and looked at.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"{ChromiumPath} is missing: install Debian's chromium (scripts/install-prerequisites.sh --with-browser).");
        }

        Directory.CreateDirectory(ScreenshotDirectory);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox"],
        });
    }

    /// <summary>A fresh page whose requests to hosts other than <paramref name="origin"/> are refused and listed.</summary>
    /// <param name="credentials">What the person types into the browser's login prompt, if it shows one.</param>
    public async Task<(IPage Page, List<string> External)> OpenAsync(Uri origin, HttpCredentials? credentials = null)
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions
        {
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
            HttpCredentials = credentials,
        });
        var external = new List<string>();
        await page.RouteAsync("**/*", async route =>
        {
            var url = new Uri(route.Request.Url);
            if (url.Scheme is "data" or "blob" || (url.Host == origin.Host && url.Port == origin.Port))
            {
                await route.ContinueAsync();
            }
            else
            {
                lock (external)
                {
                    external.Add(route.Request.Url);
                }

                await route.AbortAsync();
            }
        });
        return (page, external);
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = false });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
